import type { CommentText } from '../../engine/suppressions';

/** Whole-line `#` comments of line-based files (dotenv, Procfile, Dockerfile, YAML). */
export function hashComments(text: string): CommentText[] {
  const comments: CommentText[] = [];
  let offset = 0;
  text.split('\n').forEach((line, index) => {
    const match = /^(\s*)#(.*?)\r?$/.exec(line);
    if (match) {
      const start = offset + match[1].length;
      comments.push({ value: match[2], range: [start, start + 1 + match[2].length], startLine: index, endLine: index });
    }
    offset += line.length + 1;
  });
  return comments;
}
