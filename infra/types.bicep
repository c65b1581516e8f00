// Types shared by main.bicep and its modules.

@export()
@description('A partner tenant\'s reconciler credential: the app setting its tenant connection names, and the Key Vault secret behind it.')
type reconcilerCredential = {
  @minLength(1)
  @description('The app setting the tenant connection names (credential.setting): RECONCILER_, the partnership id in upper case with anything not a letter or digit as _, then _ and letters and digits only, e.g. RECONCILER_3C_ICT_SCDC. A name that is not RECONCILER_ followed by upper-case letters, digits and underscores fails the deployment (app/api.bicep): an entry cannot set any other app setting.')
  setting: string

  @minLength(1)
  @maxLength(127)
  @description('The Key Vault secret holding the credential: a certificate\'s name (its secret is the PEM) or a client secret\'s name, e.g. reconciler-3c-ict-scdc.')
  secretName: string
}
