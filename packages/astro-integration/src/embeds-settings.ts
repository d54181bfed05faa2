/** What `InfographicEmbed.astro` reads from `virtual:linkworthy/embeds`. */
export interface EmbedComponentSettings {
  /** `false` when the integration's `embeds` option is `false`. */
  enabled: boolean;
  /** Astro's `site`. */
  site?: string;
  /** Astro's `base`, with a leading and a trailing slash. */
  base: string;
  siteName?: string;
  rel?: string[];
  /** Absolute path of Astro's `publicDir`. */
  publicDir?: string;
}

export const EMBEDS_MODULE = 'virtual:linkworthy/embeds';

/** A Vite plugin serving the settings as `virtual:linkworthy/embeds`. */
export function embedsModule(settings: EmbedComponentSettings) {
  const resolved = `\0${EMBEDS_MODULE}`;
  return {
    name: 'linkworthy:embeds',
    resolveId(id: string): string | undefined {
      return id === EMBEDS_MODULE ? resolved : undefined;
    },
    load(id: string): string | undefined {
      return id === resolved ? `export default ${JSON.stringify(settings)};` : undefined;
    },
  };
}
