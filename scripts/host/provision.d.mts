export declare const NODE_VERSION: string;
export declare const CODE_SERVER_VERSION: string;
export declare const ROOT: string;
export declare const CACHE: string;
export interface HostPaths {
  node: string;
  nodeDir: string;
  vscode: string;
  serverMain: string;
  chromium: string;
}
export declare const paths: HostPaths;
export declare function provision(): HostPaths;
