declare module 'mark.js' {
  interface MarkOptions {
    accuracy?: 'partially' | 'complementary' | 'exactly' | { value: string; limiters?: string[] };
    diacritics?: boolean;
    separateWordSearch?: boolean;
    caseSensitive?: boolean;
    exclude?: string[];
    className?: string;
    acrossElements?: boolean;
    done?: (count: number) => void;
  }
  export default class Mark {
    constructor(context: Element | Element[] | NodeList | string);
    mark(keywords: string | string[], options?: MarkOptions): void;
    unmark(options?: { done?: () => void }): void;
  }
}
