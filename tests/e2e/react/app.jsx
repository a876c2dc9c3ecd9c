// A React 19 app that routes on the client between two articles, each shown by
// <reading-widget> (embed.js defines it; the page loads embed.js before this bundle). The
// router is a state, no library. tests/e2e/react.test.mjs bundles this file with esbuild
// (`jsx: 'automatic'`) and drives it through `window.__route(slug, how)`, where `how` is how the
// route renders the element:
//
// - 'attribute': one <reading-widget> that stays, its `article` changed (React sets an
//   attribute: the element has no `article` property);
// - 'key': a new element per article (`key={slug}`);
// - 'wrapper': a different page component per article, so React unmounts one element and
//   mounts another.
//
// `window.__route(null)` goes to a page with no article: React removes the element, and no
// other widget mounts after it.
//
// What the widgets say reaches React through `onreadingwidget:change`: React 19 adds a
// listener for the event named after `on` on a custom element, as written. `labels` is a
// property of the element, so React 19 sets it as one (an object, not an attribute).
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';

const KOREA = 'ukraine-war-korean-war';
// One object for every render: the element mounts its widget again whenever `labels` is set,
// and React sets it again whenever the value is another object (an inline `{{ … }}` would
// re-mount the widget on each render of the app).
const LABELS = { readFull: 'Read it all' };

function Reader({ slug, onChange }) {
  return <reading-widget article={slug} labels={LABELS} onreadingwidget:change={onChange} />;
}

const KoreaPage = (props) => (
  <section data-page="korea">
    <Reader {...props} />
  </section>
);

const OtherPage = (props) => (
  <div data-page="other">
    <Reader {...props} />
  </div>
);

function Route({ slug, how, onChange }) {
  if (!slug) {
    return (
      <main data-how="home">
        <p>No article here.</p>
      </main>
    );
  }
  if (how === 'key') {
    return (
      <main data-how="key">
        <Reader key={slug} slug={slug} onChange={onChange} />
      </main>
    );
  }
  if (how === 'wrapper') {
    const Page = slug === KOREA ? KoreaPage : OtherPage;
    return <Page slug={slug} onChange={onChange} />;
  }
  return (
    <main data-how="attribute">
      <Reader slug={slug} onChange={onChange} />
    </main>
  );
}

function App() {
  const [route, setRoute] = useState({ slug: KOREA, how: 'attribute' });
  // What React heard: the last change and how many, rendered below for the test to read.
  const [heard, setHeard] = useState({ count: 0, last: null });
  useEffect(() => {
    // Rendered before it returns, so the caller finds the route's element in the document.
    window.__route = (slug, how) => flushSync(() => setRoute({ slug, how }));
  }, []);
  const onChange = (event) => {
    const { article, mode, cause } = event.detail;
    setHeard((heard) => ({ count: heard.count + 1, last: { article, mode, cause } }));
  };
  return (
    <>
      <Route slug={route.slug} how={route.how} onChange={onChange} />
      <output id="heard" data-count={heard.count}>
        {JSON.stringify(heard.last)}
      </output>
    </>
  );
}

createRoot(document.getElementById('root')).render(<App />);
