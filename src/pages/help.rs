//! "Get help now": crisis lines with tap-to-call links, India first.

use leptos::prelude::*;

use crate::app::use_app;
use crate::components::icons::{Icon, IconKind};
use crate::components::page_title::PageTitle;
use crate::content::{fill, Helpline, Text};

/// The crisis support page, reachable from every screen.
#[component]
pub fn HelpPage() -> impl IntoView {
    let t = use_app().text;
    view! {
        <section class="page help" aria-labelledby="help-title">
            <PageTitle id="help-title" text=t.help().title.to_string()/>
            <HelpBody text=t/>
        </section>
    }
}

/// Everything on the help page under its title; the lock screen shows it
/// too, so help never waits for a passphrase.
#[component]
pub fn HelpBody(text: &'static Text) -> impl IntoView {
    let t = text;
    let call_button = move |line: &Helpline, class: &'static str| {
        line.tel.zip(line.number).map(|(tel, number)| {
            view! {
                <a class=class href=format!("tel:{tel}")>
                    <Icon kind=IconKind::Phone/>
                    <span>{fill(t.help().call, &[("number", number)])}</span>
                </a>
            }
        })
    };
    let emergency = t
        .helplines()
        .lines
        .iter()
        .filter(|l| l.emergency)
        .map(|line| call_button(line, "button danger call"))
        .collect_view();
    let lines = t
        .helplines()
        .lines
        .iter()
        .filter(|l| !l.emergency)
        .map(|line| {
            let call = call_button(line, "button call");
            view! {
                <li class="card helpline">
                    <h3>{line.name}</h3>
                    <p class="when">{line.when}</p>
                    <p>{line.note}</p>
                    {call}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="help">
            <p class="lead">{t.help().intro}</p>
            <div class="card emergency">
                <h2>{t.help().emergency_heading}</h2>
                <p>{t.help().emergency_body}</p>
                {emergency}
            </div>
            <h2>{t.help().india}</h2>
            <ul class="cards">{lines}</ul>
            <h2>{t.help().elsewhere}</h2>
            <p>{t.help().elsewhere_body}</p>
            <p>
                <a href="https://findahelpline.com" target="_blank" rel="noopener noreferrer">
                    {t.help().elsewhere_link}
                </a>
            </p>
            <h2>{t.help().meanwhile_heading}</h2>
            <ul class="steps">
                <li>{t.help().meanwhile_1}</li>
                <li>{t.help().meanwhile_2}</li>
                <li>{t.help().meanwhile_3}</li>
            </ul>
            <p class="disclaimer">{t.help().not_therapy}</p>
            <p class="small">{fill(t.help().checked, &[("date", t.helplines().checked)])}</p>
            <p class="small">{fill(t.help().source, &[("source", t.helplines().source)])}</p>
        </div>
    }
}
