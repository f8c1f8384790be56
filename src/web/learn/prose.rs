//! Markdown prose read into [`Prose`]: paragraphs, headings, list items,
//! quotes and code blocks of styled spans (code, strong, emphasis,
//! links). Raw HTML is kept as text, so a tutorial or pack can never put
//! markup into the page; images keep their alt text.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::format::{Block, BlockKind, Prose, Span};

/// Whether a link is one the page may follow: the web, or this page.
fn safe_link(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || url.starts_with('?')
        || url.starts_with('#')
}

pub fn prose(markdown: &str) -> Prose {
    let mut out = Prose::default();
    // The block being filled, and the kind the next one takes.
    let mut current: Option<Block> = None;
    let mut style = Span::default();
    // Open lists: the next number of each (None: bulleted).
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut quote = 0usize;
    let mut item: Option<BlockKind> = None;
    let kind_here = |item: &mut Option<BlockKind>, quote: usize| {
        item.take().unwrap_or(if quote > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Para
        })
    };
    let flush = |current: &mut Option<Block>, out: &mut Prose| {
        if let Some(mut b) = current.take() {
            if let Some(last) = b.spans.last_mut() {
                let kept = last.text.trim_end().len();
                last.text.truncate(kept);
            }
            if b.spans.iter().any(|s| !s.text.is_empty()) {
                out.blocks.push(b);
            }
        }
    };
    for event in Parser::new_ext(markdown, Options::empty()) {
        let text = match event {
            Event::Start(Tag::Paragraph) => {
                if current.is_none() {
                    current = Some(Block {
                        kind: kind_here(&mut item, quote),
                        spans: Vec::new(),
                    });
                }
                continue;
            }
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, &mut out);
                current = Some(Block {
                    kind: BlockKind::Heading,
                    spans: Vec::new(),
                });
                continue;
            }
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut current, &mut out);
                current = Some(Block {
                    kind: BlockKind::Code,
                    spans: Vec::new(),
                });
                continue;
            }
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut current, &mut out);
                quote += 1;
                continue;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut current, &mut out);
                quote = quote.saturating_sub(1);
                continue;
            }
            Event::Start(Tag::List(first)) => {
                flush(&mut current, &mut out);
                lists.push(first);
                continue;
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut current, &mut out);
                lists.pop();
                continue;
            }
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut out);
                let kind = match lists.last_mut() {
                    Some(Some(n)) => {
                        let k = BlockKind::Numbered(u32::try_from(*n).unwrap_or(u32::MAX));
                        *n = n.saturating_add(1);
                        k
                    }
                    _ => BlockKind::Bullet,
                };
                // A tight item has no paragraph: its text starts the block.
                current = Some(Block {
                    kind,
                    spans: Vec::new(),
                });
                item = None;
                continue;
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Item,
            ) => {
                flush(&mut current, &mut out);
                continue;
            }
            Event::Start(Tag::Strong) => {
                style.strong = true;
                continue;
            }
            Event::End(TagEnd::Strong) => {
                style.strong = false;
                continue;
            }
            Event::Start(Tag::Emphasis) => {
                style.emph = true;
                continue;
            }
            Event::End(TagEnd::Emphasis) => {
                style.emph = false;
                continue;
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                style.link = safe_link(&dest_url).then(|| dest_url.to_string());
                continue;
            }
            Event::End(TagEnd::Link) => {
                style.link = None;
                continue;
            }
            Event::Code(t) => {
                push(
                    &mut current,
                    &mut item,
                    quote,
                    Span {
                        text: t.to_string(),
                        code: true,
                        ..style.clone()
                    },
                );
                continue;
            }
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => t.to_string(),
            Event::SoftBreak => " ".to_string(),
            Event::HardBreak => "\n".to_string(),
            Event::Rule => {
                flush(&mut current, &mut out);
                continue;
            }
            _ => continue,
        };
        push(
            &mut current,
            &mut item,
            quote,
            Span {
                text,
                ..style.clone()
            },
        );
    }
    flush(&mut current, &mut out);
    out
}

/// Add a span to the block being filled (starting one if text comes
/// outside any, as raw HTML blocks do), joining it to the last span when
/// the style is the same.
fn push(current: &mut Option<Block>, item: &mut Option<BlockKind>, quote: usize, span: Span) {
    let block = current.get_or_insert_with(|| Block {
        kind: item.take().unwrap_or(if quote > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Para
        }),
        spans: Vec::new(),
    });
    if let Some(last) = block.spans.last_mut() {
        let same = (last.code, last.strong, last.emph, &last.link)
            == (span.code, span.strong, span.emph, &span.link);
        if same && !span.code {
            last.text.push_str(&span.text);
            return;
        }
    }
    block.spans.push(span);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> Span {
        Span {
            text: text.into(),
            ..Span::default()
        }
    }

    #[test]
    fn blocks_and_styles() {
        let p = prose(
            "Redis keeps **keys**, see `SET`.\nNext line.\n\n- one\n- two `x`\n\n3. three\n4. four\n\n> a quote\n\n```lua\nreturn 1\n```\n\n<b>not html</b>\n\n[docs](https://redis.io) and [bad](javascript:alert(1))",
        );
        let kinds: Vec<BlockKind> = p.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Para,
                BlockKind::Bullet,
                BlockKind::Bullet,
                BlockKind::Numbered(3),
                BlockKind::Numbered(4),
                BlockKind::Quote,
                BlockKind::Code,
                BlockKind::Para,
                BlockKind::Para,
            ]
        );
        assert_eq!(
            p.blocks[0].spans,
            vec![
                span("Redis keeps "),
                Span {
                    text: "keys".into(),
                    strong: true,
                    ..Span::default()
                },
                span(", see "),
                Span {
                    text: "SET".into(),
                    code: true,
                    ..Span::default()
                },
                span(". Next line."),
            ]
        );
        assert_eq!(p.blocks[6].spans[0].text, "return 1");
        assert_eq!(p.blocks[7].spans[0].text, "<b>not html</b>");
        let links: Vec<Option<&str>> = p.blocks[8]
            .spans
            .iter()
            .map(|s| s.link.as_deref())
            .collect();
        // An unsafe link is plain text, joined to the text beside it.
        assert_eq!(links, [Some("https://redis.io"), None]);
        assert_eq!(p.blocks[8].spans[1].text, " and bad");
        assert_eq!(prose("").blocks, vec![]);
        assert!(p
            .plain()
            .starts_with("Redis keeps keys, see SET. Next line.\n\none"));
    }
}
