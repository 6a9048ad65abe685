//! The app's addresses: which page a path shows, with its parameters, and
//! the query string's values. Plain Rust, tested natively; the browser side
//! (history, link clicks, building the page) is `app::router`.

/// Every page the app has. Home, Practices, help and "not found" come with
/// the first screen; the others are split off (`app::lazy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    Help,
    Practices,
    NotFound,
    Data,
    ThoughtHistory,
    ThoughtRecordFlow,
    ThoughtRecordView,
    Feelings,
    Journal,
    JournalEntry,
    Understand,
    WorthCheck,
    Reading,
    Breathing,
    Grounding,
    Movement,
    Goals,
    Measures,
    MeasureForm,
    People,
    Progress,
    SoloTime,
    OpeningUp,
    Boundaries,
    CompassionBreak,
    FriendView,
    Letters,
    Letter,
    InnerChild,
    Reflection,
    Dialogue,
    KindPhrases,
    Reminders,
}

impl Page {
    /// Whether the page's code comes with the first screen.
    pub fn is_first_screen(self) -> bool {
        matches!(
            self,
            Page::Home | Page::Help | Page::Practices | Page::NotFound
        )
    }
}

/// Paths and their pages. A `:name` segment takes any one non-empty
/// segment; the first pattern that fits wins, so a fixed segment
/// (`/thoughts/new`) is listed before a parameter in the same place.
const ROUTES: &[(&str, Page)] = &[
    ("/", Page::Home),
    ("/help", Page::Help),
    ("/data", Page::Data),
    ("/practices", Page::Practices),
    ("/thoughts", Page::ThoughtHistory),
    ("/thoughts/new", Page::ThoughtRecordFlow),
    ("/thoughts/:id", Page::ThoughtRecordView),
    ("/thoughts/:id/edit", Page::ThoughtRecordFlow),
    ("/feelings", Page::Feelings),
    ("/journal", Page::Journal),
    ("/journal/:id", Page::JournalEntry),
    ("/understand", Page::Understand),
    ("/understand/check", Page::WorthCheck),
    ("/understand/:id", Page::Reading),
    ("/breathe", Page::Breathing),
    ("/grounding", Page::Grounding),
    ("/movement", Page::Movement),
    ("/goals", Page::Goals),
    ("/measures", Page::Measures),
    ("/measures/:scale", Page::MeasureForm),
    ("/people", Page::People),
    ("/progress", Page::Progress),
    ("/solo", Page::SoloTime),
    ("/opening-up", Page::OpeningUp),
    ("/boundaries", Page::Boundaries),
    ("/kindness/break", Page::CompassionBreak),
    ("/kindness/friend", Page::FriendView),
    ("/kindness/letters", Page::Letters),
    ("/kindness/letters/:id", Page::Letter),
    ("/inner-child", Page::InnerChild),
    ("/inner-child/reflect/:id", Page::Reflection),
    ("/inner-child/:id", Page::Dialogue),
    ("/phrases", Page::KindPhrases),
    ("/reminders", Page::Reminders),
];

/// A path's page and the values of its `:name` segments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub page: Page,
    pub params: Vec<(&'static str, String)>,
}

impl Found {
    /// The value of the `:name` segment, or "" when the page has none.
    pub fn param(&self, name: &str) -> String {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

/// The page for an in-app path (without the public URL's prefix or the
/// query). A trailing slash is ignored; an unknown path is `NotFound`.
pub fn find(path: &str) -> Found {
    let wanted: Vec<&str> = segments(path).collect();
    for (pattern, page) in ROUTES {
        let parts: Vec<&str> = segments(pattern).collect();
        if parts.len() != wanted.len() {
            continue;
        }
        let mut params = Vec::new();
        let fits = parts.iter().zip(&wanted).all(|(part, seg)| {
            if let Some(name) = part.strip_prefix(':') {
                params.push((name, decode(seg)));
                true
            } else {
                part == seg
            }
        });
        if fits {
            return Found {
                page: *page,
                params,
            };
        }
    }
    Found {
        page: Page::NotFound,
        params: Vec::new(),
    }
}

fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

/// The first value of `name` in a query string (with or without its `?`),
/// `+` and `%xx` decoded.
pub fn query_value(query: &str, name: &str) -> Option<String> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(&key.replace('+', " ")) == name).then(|| decode(&value.replace('+', " ")))
        })
        .next()
}

/// `%xx` escapes decoded; a broken escape or invalid UTF-8 is kept as
/// written rather than refused.
fn decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Whether a navigation link to `link` shows as the current page at
/// `path`: the same path when `exact`, else the same path or one below it.
pub fn is_current(link: &str, path: &str, exact: bool) -> bool {
    let link = link.trim_end_matches('/');
    let path = path.trim_end_matches('/');
    link == path
        || (!exact
            && path
                .strip_prefix(link)
                .is_some_and(|rest| rest.starts_with('/')))
}

/// An in-app path, from a full path under the public URL's `base` ("" at
/// the root): the base taken off, always starting with `/`. `None` when the
/// path is outside the app.
pub fn in_app(full_path: &str, base: &str) -> Option<String> {
    let rest = full_path.strip_prefix(base)?;
    if rest.is_empty() {
        return Some("/".into());
    }
    rest.starts_with('/').then(|| rest.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_paths_find_their_page() {
        assert_eq!(find("/").page, Page::Home);
        assert_eq!(find("").page, Page::Home);
        assert_eq!(find("/help").page, Page::Help);
        assert_eq!(find("/help/").page, Page::Help);
        assert_eq!(find("/kindness/letters").page, Page::Letters);
        assert_eq!(find("/reminders").page, Page::Reminders);
    }

    #[test]
    fn a_fixed_segment_wins_over_a_parameter() {
        assert_eq!(find("/thoughts/new").page, Page::ThoughtRecordFlow);
        assert_eq!(find("/thoughts/new").params, vec![]);
        assert_eq!(find("/understand/check").page, Page::WorthCheck);
        assert_eq!(find("/understand/setbacks").page, Page::Reading);
        assert_eq!(find("/inner-child/reflect/7").page, Page::Reflection);
        assert_eq!(find("/inner-child/7").page, Page::Dialogue);
    }

    #[test]
    fn parameters_are_read_and_decoded() {
        let found = find("/thoughts/01abc/edit");
        assert_eq!(found.page, Page::ThoughtRecordFlow);
        assert_eq!(found.param("id"), "01abc");
        assert_eq!(find("/measures/rses").param("scale"), "rses");
        assert_eq!(find("/journal/a%20b").param("id"), "a b");
        assert_eq!(find("/journal/a%zz").param("id"), "a%zz");
        assert_eq!(find("/journal").param("id"), "");
    }

    #[test]
    fn unknown_paths_are_not_found() {
        for path in ["/nowhere", "/thoughts/1/2/3", "/help/more", "/journal//x/y"] {
            assert_eq!(find(path).page, Page::NotFound, "{path}");
        }
    }

    #[test]
    fn every_route_is_reachable() {
        for (pattern, page) in ROUTES {
            let path = pattern.replace(":id", "x1").replace(":scale", "who5");
            let found = find(&path);
            if path == "/thoughts/x1/edit" || *pattern == "/thoughts/new" {
                assert_eq!(found.page, Page::ThoughtRecordFlow);
            } else {
                assert_eq!(found.page, *page, "{pattern}");
            }
        }
    }

    #[test]
    fn query_values() {
        assert_eq!(
            query_value("?prompt=p1&saved=1", "prompt").as_deref(),
            Some("p1")
        );
        assert_eq!(query_value("saved=1", "saved").as_deref(), Some("1"));
        assert_eq!(query_value("?saved", "saved").as_deref(), Some(""));
        assert_eq!(query_value("?q=a+b%21", "q").as_deref(), Some("a b!"));
        assert_eq!(query_value("", "saved"), None);
        assert_eq!(query_value("?saved2=1", "saved"), None);
    }

    #[test]
    fn current_link() {
        assert!(is_current("/", "/", true));
        assert!(!is_current("/", "/help", true));
        assert!(is_current("/progress", "/progress", false));
        assert!(is_current("/progress", "/progress/", false));
        assert!(is_current("/progress", "/progress/week", false));
        assert!(!is_current("/progress", "/progressive", false));
        assert!(!is_current("/help", "/practices", false));
    }

    #[test]
    fn paths_under_the_public_url() {
        assert_eq!(in_app("/", "").as_deref(), Some("/"));
        assert_eq!(in_app("/journal/1", "").as_deref(), Some("/journal/1"));
        assert_eq!(in_app("/gw", "/gw").as_deref(), Some("/"));
        assert_eq!(in_app("/gw/", "/gw").as_deref(), Some("/"));
        assert_eq!(in_app("/gw/help", "/gw").as_deref(), Some("/help"));
        assert_eq!(in_app("/gwx/help", "/gw"), None);
        assert_eq!(in_app("/other", "/gw"), None);
    }
}
