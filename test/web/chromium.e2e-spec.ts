type ChromiumModule = typeof import('../helpers/chromium');

/** A fresh copy of the helper (it remembers what it found), with CHROMIUM_PATH as given. */
function chromiumPathWith(path: string | undefined): () => string {
  const previous = process.env.CHROMIUM_PATH;
  let chromiumPath!: () => string;
  jest.isolateModules(() => {
    ({ chromiumPath } = jest.requireActual<ChromiumModule>('../helpers/chromium'));
  });
  return () => {
    if (path === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = path;
    try {
      return chromiumPath();
    } finally {
      if (previous === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = previous;
    }
  };
}

describe('the chromium of the browser tests', () => {
  it("is Debian's, found where it installs it (or installed there when missing)", () => {
    expect(chromiumPathWith(undefined)()).toMatch(/^\/usr\/bin\/chromium(-browser)?$/);
  });

  it('a CHROMIUM_PATH that is missing fails in one line that says how to install it', () => {
    const find = chromiumPathWith('/nowhere/chromium');
    expect(find).toThrow(
      /^the browser tests need Chromium: CHROMIUM_PATH=\/nowhere\/chromium is missing; install Debian's chromium \(apt-get install -y chromium, as root\) or set CHROMIUM_PATH/,
    );
    expect(find).not.toThrow(/\n/);
  });
});
