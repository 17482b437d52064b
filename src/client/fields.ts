// The rate-limit fields, in the API's order: a module of its own so the webview can use the list
// without pulling in the client's schemas.
export const RATE_LIMIT_FIELDS = [
  'max_requests_per_1_minute',
  'max_tokens_per_1_minute',
  'max_images_per_1_minute',
  'max_audio_megabytes_per_1_minute',
  'max_requests_per_1_day',
  'batch_1_day_max_input_tokens',
] as const;
export type RateLimitField = (typeof RATE_LIMIT_FIELDS)[number];
