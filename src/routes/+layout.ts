// Client-only: the app runs entirely in the browser; the build prerenders an
// empty shell that the client fills in.
export const ssr = false;
export const prerender = true;
