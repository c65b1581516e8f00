// The Teams tab's static files (dist/tab) on Azure Static Web Apps, Free plan: global CDN, https on its own
// hostname, custom response headers from staticwebapp.config.json (the Content-Security-Policy frame-ancestors that
// lets Teams, Outlook and Microsoft 365 frame it). The API stays on the Function App; the tab calls it cross-origin.
// azd deploys the files to the resource tagged azd-service-name: tab, with a deployment token it fetches itself.

@description('Name of the static web app.')
param name string

@allowed([
  'westeurope'
  'centralus'
  'eastus2'
  'westus2'
  'eastasia'
])
@description('Region of the static web app\'s control plane (the files are served from the global CDN).')
param location string

@description('Tags for the static web app (azd-env-name).')
param tags object

resource staticSite 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'tab' })
  sku: {
    name: 'Free'
    tier: 'Free'
  }
  properties: {
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

@description('Name of the static web app.')
output name string = staticSite.name

@description('Default hostname of the static web app, e.g. <words>.azurestaticapps.net.')
output hostname string = staticSite.properties.defaultHostname
