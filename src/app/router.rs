//! The browser side of `crate::routes`: the address bar, link clicks, the
//! back button and the page on screen. Small on purpose: the app's first
//! screen carries it, and a general router's matching code was a tenth of
//! that download.
//!
//! A click on a link inside the app becomes `Router::go`: the address
//! changes at once (`history.pushState`), and in the next task the page is
//! built under an owner of its own and the page before it is cleaned up
//! (every draft still waiting to be saved is saved first, then its
//! `on_cleanup` saves run).
//! A split-off page keeps the page before it on screen until its code has
//! arrived; meanwhile `routing` is true (the shell marks the main area busy).

use leptos::prelude::*;
use leptos::tachys::reactive_graph::OwnedView;
use leptos::task::spawn_local_scoped_with_cancellation;
use wasm_bindgen::JsCast;

use crate::app::lazy;
use crate::routes::{self, Found};

/// Where the app is: the in-app path (without the public URL's prefix) and
/// the query string (with its `?`, or empty).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Here {
    pub path: String,
    pub query: String,
}

/// The address and whether a page is on its way. Provided by `Routed`.
#[derive(Clone, Copy)]
pub struct Router {
    here: RwSignal<Here>,
    routing: RwSignal<bool>,
    base: StoredValue<String>,
    /// An address the page on screen took for itself (see `rename`): the
    /// page is not built again for it.
    renamed: StoredValue<Option<Here>>,
}

/// The page being built: its path's parameters and the query string.
#[derive(Clone)]
struct PageAt {
    found: Found,
    query: String,
}

fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

impl Router {
    /// Reads the address, and follows link clicks and the back button.
    pub fn start(base: String) -> Self {
        let router = Router {
            here: RwSignal::new(read_address(&base)),
            routing: RwSignal::new(false),
            base: StoredValue::new(base),
            renamed: StoredValue::new(None),
        };
        let clicks = window_event_listener(leptos::ev::click, move |ev| router.follow_link(ev));
        let back = window_event_listener(leptos::ev::popstate, move |_| {
            let here = read_address(&router.base.get_value());
            if here != router.here.get_untracked() {
                router.here.set(here);
            }
        });
        on_cleanup(move || {
            clicks.remove();
            back.remove();
        });
        router
    }

    /// The in-app path.
    pub fn path(&self) -> Signal<String> {
        let here = self.here;
        Signal::derive(move || here.with(|h| h.path.clone()))
    }

    /// True while a split-off page's code is on its way.
    pub fn routing(&self) -> ReadSignal<bool> {
        self.routing.read_only()
    }

    /// Goes to an in-app `path` (which may carry a query and a `#fragment`),
    /// adding to the history or, with `replace`, in place of the current
    /// entry.
    pub fn go(&self, path: &str, replace: bool) {
        let Some(here) = self.write_address(path, replace) else {
            // A path the browser refuses: let it load the address itself.
            let _ = window()
                .location()
                .set_href(&format!("{}{path}", self.base.get_value()));
            return;
        };
        if here == self.here.get_untracked() {
            request_animation_frame(scroll_into_place);
        } else {
            self.here.set(here);
        }
    }

    /// Gives the page on screen an address of its own in place of the one
    /// it was opened at, without building it again: a new entry opened at
    /// `/journal/new` takes its id, so a reload keeps editing it.
    pub fn rename(&self, path: &str) {
        if let Some(here) = self.write_address(path, true) {
            self.renamed.set_value(Some(here.clone()));
            self.here.set(here);
        }
    }

    /// Writes an in-app `path` into the address bar: a new history entry,
    /// or with `replace` (or when it is the address already shown, so Back
    /// leaves it) in place of the current one. The address as the browser
    /// now shows it, or `None` if it refused the path.
    fn write_address(&self, path: &str, replace: bool) -> Option<Here> {
        let full = format!("{}{path}", self.base.get_value());
        let history = window().history().ok()?;
        let location = window().location();
        let shown = [location.pathname(), location.search(), location.hash()]
            .into_iter()
            .collect::<Result<String, _>>()
            .unwrap_or_default();
        let null = wasm_bindgen::JsValue::NULL;
        let written = if replace || shown == full {
            history.replace_state_with_url(&null, "", Some(&full))
        } else {
            history.push_state_with_url(&null, "", Some(&full))
        };
        written.ok()?;
        Some(read_address(&self.base.get_value()))
    }

    /// True (once) when `here` is the address the page on screen renamed
    /// itself to.
    fn is_renamed(&self, here: &Here) -> bool {
        self.renamed
            .try_update_value(|r| r.take())
            .flatten()
            .is_some_and(|renamed| renamed == *here)
    }

    /// A click on a link to a page of the app is handled here, not by
    /// loading the page afresh. Clicks with a modifier key, links to other
    /// sites, downloads, links with a target, and links to a fragment of
    /// the page already shown (the skip link) are left to the browser.
    fn follow_link(&self, ev: web_sys::MouseEvent) {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.alt_key()
            || ev.ctrl_key()
            || ev.shift_key()
        {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        let external = link
            .get_attribute("rel")
            .is_some_and(|rel| rel.split_whitespace().any(|r| r == "external"));
        if !link.target().is_empty() || link.has_attribute("download") || external {
            return;
        }
        let Ok(url) = web_sys::Url::new(&link.href()) else {
            return;
        };
        let origin = window().location().origin().unwrap_or_default();
        if url.origin() != origin {
            return;
        }
        let Some(path) = routes::in_app(&url.pathname(), &self.base.get_value()) else {
            return;
        };
        let (search, hash) = (url.search(), url.hash());
        let same_page = self
            .here
            .with_untracked(|h| h.path == path && h.query == search);
        if same_page && !hash.is_empty() {
            return;
        }
        ev.prevent_default();
        self.go(&format!("{path}{search}{hash}"), false);
    }
}

/// The in-app address the browser shows now.
fn read_address(base: &str) -> Here {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    Here {
        path: routes::in_app(&path, base).unwrap_or(path),
        query: location.search().unwrap_or_default(),
    }
}

/// After a page changes: to the `#fragment` if there is one, else to the top.
fn scroll_into_place() {
    let hash = window().location().hash().unwrap_or_default();
    let target = hash
        .strip_prefix('#')
        .filter(|id| !id.is_empty())
        .and_then(|id| window().document()?.get_element_by_id(id));
    match target {
        Some(el) => el.scroll_into_view(),
        None => window().scroll_to_with_x_and_y(0.0, 0.0),
    }
}

/// The router the shell provided.
pub fn use_router() -> Router {
    expect_context::<Router>()
}

/// The value of the current page's `:name` path segment ("" if none). The
/// page is built afresh when its path changes, so this is read once.
pub fn param(name: &str) -> String {
    use_context::<PageAt>()
        .map(|at| at.found.param(name))
        .unwrap_or_default()
}

/// The first value of `name` in the current page's query string.
pub fn query(name: &str) -> Option<String> {
    use_context::<PageAt>().and_then(|at| routes::query_value(&at.query, name))
}

/// A link in the navigation bar: `aria-current="page"` while its page (or,
/// unless `exact`, a page below it) is shown.
#[component]
pub fn NavLink(
    to: &'static str,
    #[prop(optional)] exact: bool,
    children: Children,
) -> impl IntoView {
    let path = use_router().path();
    view! {
        <a
            href=super::href(to)
            aria-current=move || path.with(|p| routes::is_current(to, p, exact)).then_some("page")
        >
            {children()}
        </a>
    }
}

/// The page for the current address. Each page is built under an owner of
/// its own, cleaned up when another page takes its place.
#[component]
pub fn CurrentPage() -> impl IntoView {
    let router = use_router();
    let parent = Owner::current().expect("the shell has an owner");
    let shown = RwSignal::new_local(None::<AnyView>);
    // The page on screen, and a split-off page whose code is on its way.
    let on_screen = StoredValue::new_local(None::<Owner>);
    let on_its_way = StoredValue::new_local(None::<Owner>);

    // The page is mounted (and its reactive parts run) under its own
    // owner too, so what it reads from context later is found.
    let put_on_screen = move |owner: Owner, view: AnyView| {
        shown.set(Some(
            OwnedView::new_with_owner(view, owner.clone()).into_any(),
        ));
        if let Some(before) = on_screen.try_update_value(|o| o.replace(owner)).flatten() {
            // Its drafts are saved while it is still alive to save them.
            crate::browser::flush_pending_saves();
            before.cleanup();
        }
        router.routing.set(false);
        // Once the page is in the document.
        request_animation_frame(scroll_into_place);
    };

    // `at_once` for the page the app opens at. A page opened later is built
    // in a task of its own after the tap's: the tap's task (and the frame
    // drawn with it, the link now marked current) stays short, and the
    // browser can take the next tap or scroll in between.
    let show = move |here: &Here, at_once: bool| {
        if let Some(waiting) = on_its_way.try_update_value(Option::take).flatten() {
            waiting.cleanup();
        }
        let found = routes::find(&here.path);
        let page = found.page;
        let owner = parent.child();
        owner.with(|| {
            provide_context(PageAt {
                found,
                query: here.query.clone(),
            })
        });
        if at_once && page.is_first_screen() {
            let view = owner.with(|| super::first_screen_page(page));
            put_on_screen(owner, view);
            return;
        }
        router.routing.set(true);
        on_its_way.set_value(Some(owner.clone()));
        let arriving = owner.clone();
        owner.with(|| {
            spawn_local_scoped_with_cancellation(async move {
                if !at_once {
                    crate::browser::next_task().await;
                }
                let view = if page.is_first_screen() {
                    super::first_screen_page(page)
                } else {
                    lazy::open(page).await
                };
                on_its_way.set_value(None);
                put_on_screen(arriving, view);
            })
        });
    };

    router.here.with_untracked(|here| show(here, true));
    Effect::watch(
        move || router.here.get(),
        move |here, _, _| {
            if !router.is_renamed(here) {
                show(here, false);
            }
        },
        false,
    );

    move || {
        shown.track();
        shown.try_update_untracked(Option::take).flatten()
    }
}
