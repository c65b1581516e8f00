/** The build-time settings the tab reads from `import.meta.env` (Vite replaces them when it builds). */
interface ImportMetaEnv {
  /** The API's origin, e.g. https://hub-api.azurewebsites.net; unset for the same origin as the tab. */
  readonly VITE_API_BASE_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
