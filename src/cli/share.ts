import { decodeShareFragment, MAX_FRAGMENT_CHARS, shareUrl } from '../lib/io/share-link';
import { ModelError } from '../lib/model/errors';
import { serializeModel } from '../lib/model/serialize';
import { InputError, UsageError, type Command } from './command';
import { describeModelError, readModelFile, toJson } from './io';

/*
 * `bottleneck share FILE` and `bottleneck open LINK`: the app's own share-link
 * code (src/lib/io/share-link.ts), so a link made here opens in the app and
 * the other way round. The model travels in the fragment, never to a server.
 */

/**
 * Where links point when no `--base` is given: `$BOTTLENECK_URL`, else the
 * address `npm start` serves the built app on.
 */
export const DEFAULT_APP_URL = 'http://localhost:4173/';

/** The app address from `--base`, the environment or the default; refuses anything but http(s). */
export function appUrl(base: string | undefined, env = process.env): string {
  const text = base ?? env.BOTTLENECK_URL ?? DEFAULT_APP_URL;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--base "${text}" is not a URL (e.g. https://example.com/bottleneck/).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`--base "${text}" must be an http or https address.`);
  }
  return url.href;
}

/** The `share` command. */
export const shareCommand: Command = {
  name: 'share',
  positionals: ['FILE'],
  synopsis: '[--base URL]',
  summary: 'a link that opens the model file in the app (the model rides in the # fragment)',
  help: `Opens a model file (format 1 JSON) and prints a share link: the app's
address, then # and the whole model, compressed. The fragment is never sent
to a server; opening the link in Bottleneck shows the model as an unsaved copy.

Options:
  --base URL  the app's address (default: $BOTTLENECK_URL, else ${DEFAULT_APP_URL})
  -h, --help  show this help

A file that cannot be opened is reported on stderr (exit 1).`,
  options: { base: { type: 'string' } },
  async run({ values, positionals }) {
    const base = appUrl(typeof values.base === 'string' ? values.base : undefined);
    const model = await readModelFile(positionals[0] as string);
    return shareUrl(base, model);
  },
};

/** Reads LINK: the argument itself, or standard input for `-` (links too long for a shell), capped. */
async function linkText(argument: string): Promise<string> {
  if (argument !== '-') return argument;
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) {
    text += chunk as string;
    if (text.length > 2 * MAX_FRAGMENT_CHARS) {
      process.stdin.destroy();
      throw new InputError('standard input: too large for a share link.');
    }
  }
  return text;
}

/** The `open` command. */
export const openCommand: Command = {
  name: 'open',
  positionals: ['LINK'],
  synopsis: '',
  summary: 'the model a share link holds, as format 1 JSON',
  help: `Decodes a share link (a whole link, or just the part after #) and prints the
model it holds as format 1 JSON, the same file the app exports. Use - as LINK
to read the link from standard input.

A broken, truncated or hostile link is reported on stderr (exit 1); the size
caps are the app's: ${MAX_FRAGMENT_CHARS / 1024} KB of link, 2 MB unpacked.`,
  options: {},
  async run({ positionals }) {
    const link = await linkText(positionals[0] as string);
    try {
      return toJson(serializeModel(decodeShareFragment(link)));
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      throw new InputError(describeModelError(error));
    }
  },
};
