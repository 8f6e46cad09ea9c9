// Progressive enhancement with GOV.UK Frontend's JavaScript. Every page works without it:
// the navigation is a plain list of links, the skip link an ordinary anchor and every form an
// ordinary form.
//
// Loaded as an external module (no inline script), so a strict Content Security Policy
// without nonces allows it.
import {
  Button,
  CharacterCount,
  Checkboxes,
  createAll,
  ErrorSummary,
  isSupported,
  NotificationBanner,
  Radios,
  ServiceNavigation,
  SkipLink,
} from "../dist/js/govuk-frontend.min.js";

document.body.classList.add("js-enabled");

// GOV.UK Frontend's components only start when the body carries this class; the GOV.UK page
// template adds it with an inline script, which this site's Content Security Policy forbids.
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("govuk-frontend-supported");
}

if (isSupported()) {
  // The menu button that collapses the navigation on small screens.
  createAll(ServiceNavigation);
  // Moves focus to <main> properly when the skip link is followed.
  createAll(SkipLink);
  // Forms: focus the error summary, count characters, reveal conditional questions,
  // stop double submissions.
  createAll(ErrorSummary);
  createAll(NotificationBanner);
  createAll(CharacterCount);
  createAll(Checkboxes);
  createAll(Radios);
  createAll(Button);
}
