//! Opening the store, all at once or a part at a time.
//!
//! [`Store::open`] reads every record before it returns. With years of
//! history (thousands of records, megabytes of text) that is a third of a
//! second on a cheap phone, and the home screen would wait for all of it.
//! [`Opening`] reads the same records in steps instead: the app paints home
//! first, answering the few single records it needs at once with
//! [`Opening::peek`] (one key each), and reads the rest a step per task, so
//! a tap in between is handled at once. [`Opening::finish`] reads whatever
//! is left and hands over the [`Store`], exactly as `Store::open` builds it.

use std::any::Any;

use super::peek::{read_doc, Peekable};
use super::schema::DocText;
use super::{
    ours, read_current, stored_size, valid_key, Backend, Health, SetAside, Store, ASIDE_PREFIX,
    DOC_PREFIX,
};

/// A store being read (see the module documentation).
pub struct Opening<B: Backend> {
    store: Store<B>,
    next: Next,
    /// Storage key and the bytes it takes, for every key read so far.
    sizes: Vec<(String, usize)>,
    /// Current, valid records read straight into their type.
    current: Vec<(String, DocText, Box<dyn Any>)>,
    /// Everything else read so far (set-aside entries, damaged, older or
    /// newer records), handled one by one by [`Opening::finish`].
    rest: Vec<(String, String)>,
}

/// What the next step does.
enum Next {
    /// Nothing is read yet.
    Start,
    /// Reading keys by position: the next one, and how many keys storage
    /// held when reading began (positions hold only while that holds).
    At {
        from: usize,
        count: usize,
    },
    /// Reading these keys, last first: storage changed while reading by
    /// position, so what is left was listed afresh.
    Listed(Vec<String>),
    /// Everything is read: next, the sizes are put together, the records
    /// put in key order, then the documents built from them.
    Sizes,
    Order,
    Documents,
    Done,
}

/// What [`Opening::peek`] could tell about one record.
#[derive(Debug, PartialEq)]
pub enum Peek<T> {
    /// Stored, current and valid.
    Found(T),
    /// Not stored.
    Absent,
    /// Stored, but the small reader is not sure of it (it needs an
    /// upgrade, is damaged, or is in a shape the app never writes), or
    /// storage did not answer: open the store to know.
    Unsure,
}

impl<B: Backend> Opening<B> {
    /// Starts opening the store over `backend`; nothing is read yet.
    pub fn begin(backend: B) -> Self {
        Self {
            store: Store::unread(backend),
            next: Next::Start,
            sizes: Vec::new(),
            current: Vec::new(),
            rest: Vec::new(),
        }
    }

    /// How many keys the backend holds (all of them, not only the store's),
    /// to decide whether reading in steps is worth it.
    pub fn stored_keys(&self) -> usize {
        self.store.backend.count().unwrap_or(0)
    }

    /// Whether writes can reach storage, as far as is known yet.
    pub fn health(&self) -> &Health {
        self.store.health()
    }

    /// One record of kind `T`, read from storage on its own by the small
    /// reader of [`super::peek`], so the code that shows the first screen
    /// need not carry serde and the readers of every kind.
    pub fn peek<T: Peekable>(&self, id: &str) -> Peek<T> {
        let key = format!("{}/{id}", T::KIND);
        match self.store.backend.get(&format!("{DOC_PREFIX}{key}")) {
            Ok(None) => Peek::Absent,
            Ok(Some(raw)) => match read_doc::<T>(&raw) {
                Some(record) if valid_key(&key) => Peek::Found(record),
                _ => Peek::Unsure,
            },
            Err(_) => Peek::Unsure,
        }
    }

    /// Does the next part: reads at most `records` keys, or puts part of
    /// the store together. True once only [`Opening::finish`] is left.
    pub fn step(&mut self, records: usize) -> bool {
        let records = records.max(1);
        match std::mem::replace(&mut self.next, Next::Done) {
            Next::Start => match self.store.backend.count() {
                Ok(count) => {
                    self.next = Next::At { from: 0, count };
                    return self.step(records);
                }
                Err(_) => self.give_up(),
            },
            Next::At { from, count } => {
                if self.store.backend.count().ok() != Some(count) {
                    self.list_what_is_left();
                    return self.step(records);
                }
                let to = count.min(from.saturating_add(records));
                match self.store.backend.keys_between(from, to) {
                    Ok(mut keys) => {
                        keys.retain(|k| ours(k));
                        self.read(&keys);
                    }
                    Err(_) => self.give_up(),
                }
                if matches!(self.next, Next::Done) {
                    self.next = if to < count {
                        Next::At { from: to, count }
                    } else {
                        Next::Sizes
                    };
                }
            }
            Next::Listed(mut keys) => {
                let part = keys.split_off(keys.len().saturating_sub(records));
                self.read(&part);
                if matches!(self.next, Next::Done) {
                    self.next = if keys.is_empty() {
                        Next::Sizes
                    } else {
                        Next::Listed(keys)
                    };
                }
            }
            Next::Sizes => {
                self.store.sizes = std::mem::take(&mut self.sizes).into_iter().collect();
                self.next = Next::Order;
            }
            Next::Order => {
                // Storage lists keys in no particular order; the documents
                // are built quickest from a sorted list.
                crate::domain::order::sort_by(&mut self.current, |a, b| a.0.cmp(&b.0));
                self.next = Next::Documents;
            }
            Next::Documents => {
                self.store.docs.fill(std::mem::take(&mut self.current));
                self.next = Next::Done;
            }
            Next::Done => {}
        }
        matches!(self.next, Next::Done)
    }

    /// Reads `keys` (those still stored); on failure, gives up.
    fn read(&mut self, keys: &[String]) {
        match self.store.backend.entries_of(keys) {
            Ok(entries) => self.take(entries),
            Err(_) => self.give_up(),
        }
    }

    /// Storage changed while it was being read by position: every key not
    /// read yet is listed (a key read twice is kept once).
    fn list_what_is_left(&mut self) {
        let read: std::collections::HashSet<&str> =
            self.sizes.iter().map(|(k, _)| k.as_str()).collect();
        match self.store.backend.keys() {
            Ok(mut keys) => {
                keys.retain(|k| ours(k) && !read.contains(k.as_str()));
                self.next = Next::Listed(keys);
            }
            Err(_) => self.give_up(),
        }
    }

    /// Storage stopped answering: what was read is kept, nothing more is
    /// read, and the store says storage is unavailable (as `Store::open`
    /// does when it cannot read at all).
    fn give_up(&mut self) {
        self.next = Next::Sizes;
        self.store.health = Health::Unavailable;
    }

    fn take(&mut self, entries: Vec<(String, String)>) {
        for (storage_key, raw) in entries {
            if !ours(&storage_key) {
                continue;
            }
            self.sizes
                .push((storage_key.clone(), stored_size(&storage_key, &raw)));
            let raw = match storage_key.strip_prefix(DOC_PREFIX) {
                Some(key) => match read_current(key, raw) {
                    Ok((text, record)) => {
                        self.current.push((key.to_string(), text, record));
                        continue;
                    }
                    Err(raw) => raw,
                },
                None => raw,
            };
            self.rest.push((storage_key, raw));
        }
    }

    /// Leaves what was read and reads everything afresh, at once: another
    /// tab changed storage while it was being read in steps, and keys read
    /// by position may have moved.
    pub fn start_over(self) -> Store<B> {
        Store::open(self.store.backend)
    }

    /// Reads whatever is left and hands over the open store.
    pub fn finish(mut self) -> Store<B> {
        if matches!(self.next, Next::Start) {
            // Nothing read yet: everything in one go, the quickest way.
            match self.store.backend.entries() {
                Ok(entries) => {
                    self.take(entries);
                    self.next = Next::Sizes;
                }
                Err(_) => {
                    self.store.health = Health::Unavailable;
                    return self.store;
                }
            }
        }
        while !self.step(usize::MAX) {}
        let Self {
            mut store,
            mut rest,
            ..
        } = self;
        // Most records are current and valid: the maps were built in one
        // go (quicker than thousands of inserts). The rest are handled one
        // by one, in key order.
        crate::domain::order::sort_by(&mut rest, |a, b| a.0.cmp(&b.0));
        for (storage_key, raw) in rest {
            if let Some(key) = storage_key.strip_prefix(DOC_PREFIX) {
                store.load_doc(&storage_key, key.to_string(), raw);
            } else if storage_key.starts_with(ASIDE_PREFIX) {
                match serde_json::from_str::<SetAside>(&raw) {
                    Ok(aside) => store.aside.push(aside),
                    Err(e) => store.aside.push(SetAside {
                        key: storage_key,
                        raw,
                        reason: format!("damaged set-aside entry: {e}"),
                    }),
                }
            }
        }
        store
    }
}
