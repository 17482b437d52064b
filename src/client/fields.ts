// The rate-limit fields, in the API's order, and the hosted tools: a module of its own so the webview
// can use the lists without pulling in the client's schemas.
export const RATE_LIMIT_FIELDS = [
  'max_requests_per_1_minute',
  'max_tokens_per_1_minute',
  'max_images_per_1_minute',
  'max_audio_megabytes_per_1_minute',
  'max_requests_per_1_day',
  'batch_1_day_max_input_tokens',
] as const;
export type RateLimitField = (typeof RATE_LIMIT_FIELDS)[number];

/** The hosted tools the API names today (an answer may hold others, which are kept and shown). */
export const HOSTED_TOOLS = ['file_search', 'web_search', 'image_generation', 'mcp', 'code_interpreter'] as const;
export type HostedTool = (typeof HOSTED_TOOLS)[number];
