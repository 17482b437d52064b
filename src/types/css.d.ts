// esbuild loads .css as text (esbuild.mjs): the webview pages inline it under their nonce.
declare module '*.css' {
  const text: string;
  export default text;
}
