import sharp from 'sharp';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { PHOTO_CACHE, PHOTO_URL } from '../src/offline/cache-names';

/**
 * The tablet's offline start and home-screen install (issue 20; docs/decisions.md, "The tablet
 * starts offline"): vite-plugin-pwa has Workbox generate sw.js, which precaches the built app
 * (the shell: index.html, the hashed scripts and styles, the manifest and icons), answers every
 * navigation of the app with the cached index.html, and answers photo requests from the cache
 * the page fills when a round is opened. Nothing here is hand-written caching.
 */

/** The organisers' chart chunks (vite.config.ts names echarts' chunk), left out of the precache. */
export const CHART_CHUNKS = ['assets/echarts-*.js', 'assets/*Chart-*.js'];

const ACCENT = '#1f4e5f';
const PAPER = '#f6f4ef';

/**
 * The icon, drawn as shapes only (no text, so no font is needed at build time): a score sheet
 * with three lines and a gold seal on the app's accent colour. `inset` shrinks the drawing into
 * the safe circle a maskable icon needs; `round` gives the plain icon its corners.
 */
function iconSvg(size: number, { inset, round }: { inset: number; round: boolean }): string {
  const s = size;
  const k = (v: number) => (inset + (v / 512) * (1 - 2 * inset)) * s;
  const r = round ? s * 0.18 : 0;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}" viewBox="0 0 ${s} ${s}">
  <rect width="${s}" height="${s}" rx="${r}" fill="${ACCENT}"/>
  <rect x="${k(120)}" y="${k(88)}" width="${k(392) - k(120)}" height="${k(424) - k(88)}" rx="${s * 0.03}" fill="#ffffff"/>
  <rect x="${k(160)}" y="${k(150)}" width="${k(352) - k(160)}" height="${k(176) - k(150)}" rx="${s * 0.01}" fill="${ACCENT}"/>
  <rect x="${k(160)}" y="${k(214)}" width="${k(352) - k(160)}" height="${k(240) - k(214)}" rx="${s * 0.01}" fill="${ACCENT}"/>
  <rect x="${k(160)}" y="${k(278)}" width="${k(290) - k(160)}" height="${k(304) - k(278)}" rx="${s * 0.01}" fill="${ACCENT}"/>
  <circle cx="${k(340)}" cy="${k(360)}" r="${k(62) - k(0)}" fill="#f2b53a"/>
  <circle cx="${k(340)}" cy="${k(360)}" r="${k(36) - k(0)}" fill="#ffffff" fill-opacity="0.55"/>
</svg>`;
}

const ICONS = [
  { file: 'icons/icon-192.png', size: 192, inset: 0, round: true, purpose: 'any' },
  { file: 'icons/icon-512.png', size: 512, inset: 0, round: true, purpose: 'any' },
  { file: 'icons/icon-maskable-512.png', size: 512, inset: 0.1, round: false, purpose: 'maskable' },
  { file: 'icons/apple-touch-icon-180.png', size: 180, inset: 0.06, round: false, purpose: null },
] as const;

/** Renders the icons with sharp into the build, so no binary is committed or downloaded. */
function appIcons(): Plugin {
  return {
    name: 'judging-app-icons',
    apply: 'build',
    async generateBundle() {
      for (const icon of ICONS) {
        const png = await sharp(Buffer.from(iconSvg(icon.size, icon)))
          .png()
          .toBuffer();
        this.emitFile({ type: 'asset', fileName: icon.file, source: png });
      }
    },
  };
}

export function judgingPwa(): Plugin[] {
  return [
    appIcons(),
    ...VitePWA({
      strategies: 'generateSW',
      // A new version installs beside the running one and waits: the app offers the update
      // only when no sheet is left unsent (src/offline/app-update.ts), never reloads by itself.
      registerType: 'prompt',
      // Registered by the app's own bundle (virtual:pwa-register), never by an inline script:
      // the pages run under script-src 'self'.
      injectRegister: false,
      filename: 'sw.js',
      manifestFilename: 'manifest.webmanifest',
      includeManifestIcons: true,
      manifest: {
        name: '评审平板',
        short_name: '评审',
        description: '展览与评奖的评委评分，离线也能评',
        lang: 'zh-CN',
        dir: 'ltr',
        id: '/',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: PAPER,
        theme_color: ACCENT,
        icons: ICONS.filter((icon) => icon.purpose).map((icon) => ({
          src: `/${icon.file}`,
          sizes: `${icon.size}x${icon.size}`,
          type: 'image/png',
          purpose: icon.purpose!,
        })),
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png}'],
        // The organisers' charts stay off the judges' tablets (issue 21): echarts' chunk and the
        // lazy chart chunks (WhatIfChart, charts/EChart) are fetched when an organiser opens a
        // chart, never precached. test/web/round-charts.e2e-spec.ts checks the built sw.js.
        globIgnores: CHART_CHUNKS,
        // The judges' client routes (/judge/entry/{code} from a label's QR code) start offline;
        // the API's own paths never get the app's page.
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/(api|graphql|health|admin)(\/|$)/],
        cleanupOutdatedCaches: true,
        // The first visit is served by the worker at once, so the photos it keeps ahead are
        // answered from the cache in that same visit.
        clientsClaim: true,
        skipWaiting: false,
        runtimeCaching: [
          {
            urlPattern: PHOTO_URL,
            // Renditions are immutable (their URL changes with their content).
            handler: 'CacheFirst',
            options: {
              cacheName: PHOTO_CACHE,
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ];
}
