import { z } from 'zod';

/**
 * Options shared by the rules that judge pages by the link graph, so each means the same thing
 * in every rule that takes it.
 */

/**
 * Also judge sites read from Markdown/MDX sources alone. Their navigation (a sidebar config, a
 * theme's layouts) is not in the files, so most pages would look unlinked; turn it on when the
 * Markdown links are the navigation (a docs folder read on GitHub).
 */
export const checkSourcesOption = z.boolean().default(false);

/** URL paths (or source files) of the pages readers start from (the home page by default). */
export const entryPointsOption = z.array(z.string()).default(['/']);
