/**
 * Picks the app for the address: the public pages (an event's results, the objection form, a
 * certificate's QR code) load none of the judges' app, so a phone in the street downloads
 * only what those pages need; everything else is the judges' and organisers' app.
 */
export const isPublicPath = (path: string) => /^\/(results|verify)(\/|$)/.test(path);

if (isPublicPath(window.location.pathname)) void import('./public/main');
else void import('./main');
