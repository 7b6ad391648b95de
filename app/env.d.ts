/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

/** hls.js's light build (video-player.tsx) has the full build's API, without the subtitle, alternate audio and DRM controllers. */
declare module "hls.js/light" {
  export * from "hls.js";
  export { default } from "hls.js";
}
