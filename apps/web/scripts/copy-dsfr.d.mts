export declare function dsfrVersion(): string;
export declare function copyDsfr(options?: { publicDir?: string; quiet?: boolean }): {
  copied: number;
  version: string;
  target: string;
  skipped: boolean;
};
