// Counts Content-Security-Policy violations on strict.html, where the e2e suite (and anyone
// with devtools) can read them. It is an external classic script, not an inline one, because
// the page's own policy forbids inline script; it is loaded first in <head>, without defer or
// async, so it listens before the widget's module (or anything else) can violate the policy.
//
//   document.documentElement.dataset.cspViolations   how many, as a string ("0" once this ran)
//   window.cspViolations                             [{ directive, blocked, sample }, …]
//
// The listener captures on the document: the event is fired at the offending element (or the
// document) and is composed, so a violation inside a shadow root reaches it as well.
window.cspViolations = [];
document.documentElement.dataset.cspViolations = '0';
document.addEventListener(
  'securitypolicyviolation',
  (event) => {
    window.cspViolations.push({
      directive: event.violatedDirective,
      blocked: event.blockedURI,
      sample: event.sample,
    });
    document.documentElement.dataset.cspViolations = String(window.cspViolations.length);
  },
  true,
);
