/** Names shared by every runtime; the version comes from package.json at build time. */
export const APP_NAME = 'medins-counter';
export const PRODUCT_NAME = '医保经办窗口';
