/** The integration's embed settings, for `components/InfographicEmbed.astro`. */
declare module 'virtual:linkworthy/embeds' {
  const settings: import('./embeds-settings.js').EmbedComponentSettings;
  export default settings;
}
