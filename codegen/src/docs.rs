//! Converts the HTML documentation of AWS models to Markdown for rustdoc.
//!
//! Model documentation is an HTML fragment. It is parsed with html5ever (through `scraper`),
//! turned into a small block/inline tree, normalised (whitespace collapsed, emphasis trimmed)
//! and rendered as CommonMark that rustdoc reads literally: text that could be taken for
//! Markdown syntax is escaped, bare URLs become autolinks, and no line is indented enough to
//! become an indented code block (which rustdoc would compile as a doctest). Only the lines of
//! fenced `text` blocks (from `<pre>`) keep their own indentation.
//!
//! List nesting is therefore limited: where an item's content would need four spaces of
//! indentation, its later blocks join the enclosing item instead. The text always survives.

use ego_tree::NodeRef;
use scraper::{Html, Node};

/// Nesting deeper than this is flattened to its text, so that no input can exhaust the stack.
const MAX_DEPTH: usize = 48;

/// The deepest indentation a line may get; four spaces would start an indented code block.
const MAX_INDENT: usize = 3;

/// Converts one documentation string of the model (an HTML fragment) to Markdown for a doc comment.
///
/// `link` resolves the text of an `<a>` without `href` (AWS models write
/// `<a>StartAssessmentRun</a>` to mean that operation) to an intra-doc link path such as
/// `crate::operation::start_assessment_run`; `None` keeps it as inline code. The link is
/// written `` [`Name`](path) ``, except when `link` returns the name itself: then it is the
/// shortcut `` [`Name`] ``, resolved where the doc is placed. Return the bare name for items in
/// scope there (siblings in the same module), because rustdoc's `redundant_explicit_links`
/// lint rejects `` [`Name`](crate::types::Name) `` when `Name` resolves to the same item.
///
/// The result has no leading or trailing blank lines and is meant to become one doc line per
/// output line.
pub fn html_to_markdown(html: &str, link: &dyn Fn(&str) -> Option<String>) -> String {
    let fragment = Html::parse_fragment(html);
    let converter = Converter { link };
    let mut builder = BlockBuilder::default();
    converter.walk_children(fragment.tree.root(), 0, &mut builder);
    let blocks = builder.finish();

    let mut lines = Vec::new();
    render_blocks(&blocks, 0, false, &mut lines);
    let first = lines.iter().position(|line| !line.is_empty());
    let last = lines.iter().rposition(|line| !line.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].join("\n"),
        _ => String::new(),
    }
}

/// A block of Markdown.
#[derive(Debug)]
enum Block {
    Paragraph(Vec<Inline>),
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    /// Preformatted text, rendered as a fenced `text` block.
    Code(String),
}

/// Inline content of a paragraph. After [`normalize`], `Text` holds words without whitespace
/// and `Space` stands for any run of whitespace.
#[derive(Debug, Clone, PartialEq)]
enum Inline {
    Text(String),
    Space,
    /// A hard line break (`<br>`); two or more in a row separate paragraphs.
    Break,
    Code(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    /// `<a href="…">` with an absolute URL.
    Link {
        url: String,
        content: Vec<Inline>,
    },
    /// `<a>Name</a>` resolved to an intra-doc link path.
    ItemLink {
        name: String,
        path: String,
    },
}

/// How an HTML element is converted.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// A block holding other blocks or text (`<p>`, `<div>`, `<dd>`, …).
    Container,
    /// A block container introduced by a label (`<note>` → **Note:**).
    Labelled(&'static str),
    /// A one-paragraph block rendered in bold (`<h1>`…`<h6>`, `<dt>`).
    Heading,
    List {
        ordered: bool,
    },
    ListItem,
    Preformatted,
    Table,
    /// Ends the current paragraph and renders nothing (`<hr>`).
    Separator,
    LineBreak,
    Code,
    Strong,
    Emphasis,
    Anchor,
    /// Any other element: only its content counts (`<span>`, unknown tags).
    Transparent,
}

impl Kind {
    fn of(name: &str) -> Kind {
        match name {
            "p" | "div" | "fullname" | "section" | "article" | "aside" | "blockquote"
            | "header" | "footer" | "main" | "nav" | "figure" | "figcaption" | "address"
            | "details" | "summary" | "dl" | "dd" | "caption" | "center" | "body" | "html" => {
                Kind::Container
            }
            "note" => Kind::Labelled("Note:"),
            "important" => Kind::Labelled("Important:"),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" => Kind::Heading,
            "ul" | "menu" => Kind::List { ordered: false },
            "ol" => Kind::List { ordered: true },
            "li" => Kind::ListItem,
            "pre" | "listing" | "xmp" | "plaintext" => Kind::Preformatted,
            "table" => Kind::Table,
            "hr" => Kind::Separator,
            "br" => Kind::LineBreak,
            "code" | "tt" | "kbd" | "samp" => Kind::Code,
            "b" | "strong" => Kind::Strong,
            "i" | "em" | "cite" | "var" | "dfn" => Kind::Emphasis,
            "a" => Kind::Anchor,
            _ => Kind::Transparent,
        }
    }

    /// Whether the element cannot live inside a paragraph.
    fn is_block(self) -> bool {
        matches!(
            self,
            Kind::Container
                | Kind::Labelled(_)
                | Kind::Heading
                | Kind::List { .. }
                | Kind::ListItem
                | Kind::Preformatted
                | Kind::Table
                | Kind::Separator
        )
    }
}

/// Flags of the inline elements around the one being converted.
#[derive(Debug, Clone, Copy, Default)]
struct InlineContext {
    strong: bool,
    emphasis: bool,
    link: bool,
    depth: usize,
}

/// Collects blocks, with the inline content of the paragraph being built.
#[derive(Debug, Default)]
struct BlockBuilder {
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
}

impl BlockBuilder {
    /// Ends the current paragraph.
    fn flush(&mut self) {
        let inlines = std::mem::take(&mut self.inlines);
        self.blocks
            .extend(paragraphs(inlines).into_iter().map(Block::Paragraph));
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }
}

struct Converter<'a> {
    link: &'a dyn Fn(&str) -> Option<String>,
}

impl Converter<'_> {
    fn walk_children(&self, node: NodeRef<'_, Node>, depth: usize, out: &mut BlockBuilder) {
        for child in node.children() {
            self.walk_node(child, depth + 1, out);
        }
    }

    /// Converts a node found where blocks may appear.
    fn walk_node(&self, node: NodeRef<'_, Node>, depth: usize, out: &mut BlockBuilder) {
        let element = match node.value() {
            Node::Text(text) => {
                out.inlines.push(Inline::Text(text.to_string()));
                return;
            }
            Node::Element(element) => element,
            _ => return,
        };
        if depth > MAX_DEPTH {
            out.inlines.push(Inline::Text(text_content(node)));
            return;
        }
        match Kind::of(element.name()) {
            Kind::Container => {
                out.flush();
                self.walk_children(node, depth, out);
                out.flush();
            }
            Kind::Labelled(label) => {
                out.flush();
                let start = out.blocks.len();
                self.walk_children(node, depth, out);
                out.flush();
                add_label(&mut out.blocks, start, label);
            }
            Kind::Heading => {
                out.flush();
                let context = InlineContext {
                    strong: true,
                    depth,
                    ..InlineContext::default()
                };
                let mut content = Vec::new();
                self.inline_children(node, context, &mut content);
                out.inlines.push(Inline::Strong(content));
                out.flush();
            }
            Kind::List { ordered } => {
                out.flush();
                let items = self.list_items(node, depth);
                if !items.is_empty() {
                    out.blocks.push(Block::List { ordered, items });
                }
            }
            Kind::ListItem => {
                // An `<li>` outside of a list.
                out.flush();
                let mut item = BlockBuilder::default();
                self.walk_children(node, depth, &mut item);
                let item = item.finish();
                if !item.is_empty() {
                    out.blocks.push(Block::List {
                        ordered: false,
                        items: vec![item],
                    });
                }
            }
            Kind::Preformatted => {
                out.flush();
                out.blocks.extend(code_block(&text_content(node)));
            }
            Kind::Code if is_code_block(node) => {
                out.flush();
                out.blocks.extend(code_block(&text_content(node)));
            }
            Kind::Table => {
                out.flush();
                self.table(node, depth, out);
            }
            Kind::Separator => out.flush(),
            Kind::LineBreak => out.inlines.push(Inline::Break),
            Kind::Strong | Kind::Emphasis if has_block_descendant(node) => {
                // Formatting around blocks has no Markdown equivalent; keep the blocks.
                self.walk_children(node, depth, out);
            }
            Kind::Code | Kind::Strong | Kind::Emphasis | Kind::Anchor => {
                let context = InlineContext {
                    depth,
                    ..InlineContext::default()
                };
                self.inline_element(node, context, &mut out.inlines);
            }
            Kind::Transparent => self.walk_children(node, depth, out),
        }
    }

    fn list_items(&self, list: NodeRef<'_, Node>, depth: usize) -> Vec<Vec<Block>> {
        let mut items = Vec::new();
        // Content of a list outside of its `<li>` elements becomes an item of its own.
        let mut stray = BlockBuilder::default();
        for child in list.children() {
            let is_item =
                matches!(child.value(), Node::Element(e) if Kind::of(e.name()) == Kind::ListItem);
            if is_item {
                items.push(std::mem::take(&mut stray).finish());
                let mut item = BlockBuilder::default();
                self.walk_children(child, depth + 1, &mut item);
                items.push(item.finish());
            } else {
                self.walk_node(child, depth + 1, &mut stray);
            }
        }
        items.push(stray.finish());
        items.retain(|item| !item.is_empty());
        items
    }

    /// Renders a table as a list with one item per row, the cells separated by semicolons.
    fn table(&self, table: NodeRef<'_, Node>, depth: usize, out: &mut BlockBuilder) {
        let mut rows = Vec::new();
        for child in table.children() {
            match element_name(child) {
                Some("caption") => {
                    out.inlines = self.flat_inlines(child, depth);
                    out.flush();
                }
                Some("thead" | "tbody" | "tfoot") => {
                    rows.extend(
                        child
                            .children()
                            .filter(|row| element_name(*row) == Some("tr")),
                    );
                }
                Some("tr") => rows.push(child),
                _ => {}
            }
        }
        let mut items = Vec::new();
        for row in rows {
            let mut cells = Vec::new();
            for cell in row.children() {
                if !matches!(element_name(cell), Some("td" | "th")) {
                    continue;
                }
                let content = normalize(self.flat_inlines(cell, depth + 2));
                if content
                    .iter()
                    .all(|inline| matches!(inline, Inline::Space | Inline::Break))
                {
                    continue;
                }
                if !cells.is_empty() {
                    cells.push(Inline::Text(";".to_string()));
                    cells.push(Inline::Space);
                }
                cells.extend(content);
            }
            let item = BlockBuilder {
                blocks: Vec::new(),
                inlines: cells,
            }
            .finish();
            if !item.is_empty() {
                items.push(item);
            }
        }
        if !items.is_empty() {
            out.blocks.push(Block::List {
                ordered: false,
                items,
            });
        }
    }

    /// The content of an element as inline content only; blocks inside become spaces.
    fn flat_inlines(&self, node: NodeRef<'_, Node>, depth: usize) -> Vec<Inline> {
        let context = InlineContext {
            depth,
            ..InlineContext::default()
        };
        let mut content = Vec::new();
        self.inline_children(node, context, &mut content);
        content
    }

    fn inline_children(
        &self,
        node: NodeRef<'_, Node>,
        context: InlineContext,
        out: &mut Vec<Inline>,
    ) {
        let context = InlineContext {
            depth: context.depth + 1,
            ..context
        };
        for child in node.children() {
            match child.value() {
                Node::Text(text) => out.push(Inline::Text(text.to_string())),
                Node::Element(_) => self.inline_element(child, context, out),
                _ => {}
            }
        }
    }

    fn inline_element(
        &self,
        node: NodeRef<'_, Node>,
        context: InlineContext,
        out: &mut Vec<Inline>,
    ) {
        let Some(name) = element_name(node) else {
            return;
        };
        if context.depth > MAX_DEPTH {
            out.push(Inline::Text(text_content(node)));
            return;
        }
        match Kind::of(name) {
            Kind::LineBreak => out.push(Inline::Break),
            Kind::Code => out.push(Inline::Code(text_content(node))),
            Kind::Strong if !context.strong => {
                let mut content = Vec::new();
                let context = InlineContext {
                    strong: true,
                    ..context
                };
                self.inline_children(node, context, &mut content);
                out.push(Inline::Strong(content));
            }
            Kind::Emphasis if !context.emphasis => {
                let mut content = Vec::new();
                let context = InlineContext {
                    emphasis: true,
                    ..context
                };
                self.inline_children(node, context, &mut content);
                out.push(Inline::Emphasis(content));
            }
            Kind::Anchor => self.anchor(node, context, out),
            kind if kind.is_block() => {
                out.push(Inline::Space);
                self.inline_children(node, context, out);
                out.push(Inline::Space);
            }
            _ => self.inline_children(node, context, out),
        }
    }

    fn anchor(&self, node: NodeRef<'_, Node>, context: InlineContext, out: &mut Vec<Inline>) {
        let href = match node.value() {
            Node::Element(element) => element.attr("href"),
            _ => None,
        };
        match href {
            Some(href) if !context.link && is_absolute_url(href) => {
                let mut content = Vec::new();
                let context = InlineContext {
                    link: true,
                    ..context
                };
                self.inline_children(node, context, &mut content);
                out.push(Inline::Link {
                    url: href.trim().to_string(),
                    content,
                });
            }
            // A relative or broken link would not resolve from the generated docs.
            Some(_) => self.inline_children(node, context, out),
            None => {
                let text = text_content(node);
                let name = collapse_whitespace(&text);
                let name = name.trim();
                // A name with brackets is no item, and would break the link syntax.
                let path = match context.link || name.is_empty() || name.contains(['[', ']']) {
                    true => None,
                    false => (self.link)(name),
                };
                if text.starts_with(char::is_whitespace) {
                    out.push(Inline::Space);
                }
                out.push(match path {
                    Some(path) => Inline::ItemLink {
                        name: name.to_string(),
                        path,
                    },
                    None => Inline::Code(name.to_string()),
                });
                if text.ends_with(char::is_whitespace) {
                    out.push(Inline::Space);
                }
            }
        }
    }
}

fn element_name<'a>(node: NodeRef<'a, Node>) -> Option<&'a str> {
    match node.value() {
        Node::Element(element) => Some(element.name()),
        _ => None,
    }
}

/// The text of a node and its descendants, with `<br>` as a newline.
fn text_content(node: NodeRef<'_, Node>) -> String {
    let mut text = String::new();
    for descendant in node.descendants() {
        match descendant.value() {
            Node::Text(t) => text.push_str(t),
            Node::Element(e) if e.name() == "br" => text.push('\n'),
            _ => {}
        }
    }
    text
}

fn has_block_descendant(node: NodeRef<'_, Node>) -> bool {
    node.descendants()
        .skip(1)
        .any(|d| element_name(d).is_some_and(|name| Kind::of(name).is_block()))
}

/// A `<code>` spanning several lines and standing alone in its parent is a code block.
fn is_code_block(node: NodeRef<'_, Node>) -> bool {
    let alone = node
        .prev_siblings()
        .chain(node.next_siblings())
        .all(|sibling| match sibling.value() {
            Node::Text(text) => text.trim().is_empty(),
            Node::Element(_) => false,
            _ => true,
        });
    alone && text_content(node).trim().contains('\n')
}

fn is_absolute_url(href: &str) -> bool {
    let href = href.trim_start().to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| href.len() > scheme.len() && href.starts_with(scheme))
}

fn add_label(blocks: &mut Vec<Block>, start: usize, label: &str) {
    if blocks.len() <= start {
        return;
    }
    let label = Inline::Strong(vec![Inline::Text(label.to_string())]);
    match blocks.get_mut(start) {
        Some(Block::Paragraph(inlines)) => {
            inlines.splice(0..0, [label, Inline::Space]);
        }
        _ => blocks.insert(start, Block::Paragraph(vec![label])),
    }
}

/// Builds a code block from preformatted text: line endings unified, common indentation and
/// surrounding blank lines removed.
fn code_block(text: &str) -> Option<Block> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let first = lines.iter().position(|line| !line.is_empty())?;
    let last = lines.iter().rposition(|line| !line.is_empty())?;
    let lines = &lines[first..=last];
    let indent = lines
        .iter()
        .filter(|line| !line.is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    let code = lines
        .iter()
        .map(|line| line.get(indent..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    Some(Block::Code(code))
}

/// Replaces each run of whitespace by one space.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            in_space = true;
        } else {
            if in_space {
                out.push(' ');
                in_space = false;
            }
            out.push(c);
        }
    }
    if in_space {
        out.push(' ');
    }
    out
}

/// Normalises inline content and splits it into paragraphs at runs of line breaks.
fn paragraphs(inlines: Vec<Inline>) -> Vec<Vec<Inline>> {
    let mut paragraphs = Vec::new();
    let mut current = Vec::new();
    let mut breaks = 0;
    for inline in normalize(inlines) {
        match inline {
            Inline::Break => breaks += 1,
            Inline::Space if breaks > 0 => {}
            inline => {
                if breaks > 1 {
                    paragraphs.push(std::mem::take(&mut current));
                } else if breaks == 1 {
                    current.push(Inline::Break);
                }
                breaks = 0;
                current.push(inline);
            }
        }
    }
    paragraphs.push(current);
    for paragraph in &mut paragraphs {
        trim_edges(paragraph);
    }
    paragraphs.retain(|paragraph| !paragraph.is_empty());
    paragraphs
}

fn is_blank(inline: &Inline) -> bool {
    matches!(inline, Inline::Space | Inline::Break)
}

/// Removes leading and trailing spaces and line breaks, returning them.
fn trim_edges(inlines: &mut Vec<Inline>) -> (Vec<Inline>, Vec<Inline>) {
    let leading = inlines.iter().take_while(|i| is_blank(i)).count();
    let lead: Vec<Inline> = inlines.drain(..leading).collect();
    let trailing = inlines.iter().rev().take_while(|i| is_blank(i)).count();
    let trail: Vec<Inline> = inlines.drain(inlines.len() - trailing..).collect();
    (lead, trail)
}

/// Collapses whitespace into [`Inline::Space`], merges adjacent words and moves spaces and
/// line breaks out of emphasis and links, where Markdown would not recognise them.
fn normalize(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::new();
    for inline in inlines {
        push_normalized(&mut out, inline);
    }
    out
}

/// Normalises the content of emphasis or a link, which cannot hold paragraph breaks.
fn normalize_nested(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut content = normalize(inlines);
    content.dedup_by(|a, b| *a == Inline::Break && *b == Inline::Break);
    content
}

fn push_normalized(out: &mut Vec<Inline>, inline: Inline) {
    match inline {
        Inline::Text(text) => {
            for (i, word) in text.split(char::is_whitespace).enumerate() {
                if i > 0 {
                    push_space(out);
                }
                if !word.is_empty() {
                    push_word(out, word);
                }
            }
        }
        Inline::Space => push_space(out),
        Inline::Break => push_break(out),
        Inline::Code(code) => {
            if code.starts_with(char::is_whitespace) {
                push_space(out);
            }
            let trimmed = collapse_whitespace(code.trim());
            match out.last_mut() {
                _ if trimmed.is_empty() => {}
                // Adjacent code spans would run their backtick fences together.
                Some(Inline::Code(previous)) => previous.push_str(&trimmed),
                _ => out.push(Inline::Code(trimmed)),
            }
            if code.ends_with(char::is_whitespace) {
                push_space(out);
            }
        }
        Inline::Strong(content) => push_wrapped(out, content, true),
        Inline::Emphasis(content) => push_wrapped(out, content, false),
        Inline::Link { url, content } => {
            let mut content = normalize_nested(content);
            let (lead, trail) = trim_edges(&mut content);
            lead.into_iter().for_each(|i| push_normalized(out, i));
            // An empty link is invisible in HTML too; html5ever also leaves such copies of an
            // `<a>` that spans blocks.
            if !content.is_empty() {
                out.push(Inline::Link { url, content });
            }
            trail.into_iter().for_each(|i| push_normalized(out, i));
        }
        Inline::ItemLink { name, path } => out.push(Inline::ItemLink { name, path }),
    }
}

fn push_wrapped(out: &mut Vec<Inline>, content: Vec<Inline>, strong: bool) {
    let mut content = normalize_nested(content);
    let (lead, trail) = trim_edges(&mut content);
    lead.into_iter().for_each(|i| push_normalized(out, i));
    if !content.is_empty() {
        // `<b>a</b><b>b</b>` is one bold run; `**a****b**` would not parse.
        match out.last_mut() {
            Some(Inline::Strong(previous)) if strong => {
                content
                    .into_iter()
                    .for_each(|i| push_normalized(previous, i));
            }
            Some(Inline::Emphasis(previous)) if !strong => {
                content
                    .into_iter()
                    .for_each(|i| push_normalized(previous, i));
            }
            _ if strong => out.push(Inline::Strong(content)),
            _ => out.push(Inline::Emphasis(content)),
        }
    }
    trail.into_iter().for_each(|i| push_normalized(out, i));
}

fn push_space(out: &mut Vec<Inline>) {
    if !matches!(out.last(), Some(Inline::Space | Inline::Break)) {
        out.push(Inline::Space);
    }
}

fn push_break(out: &mut Vec<Inline>) {
    if matches!(out.last(), Some(Inline::Space)) {
        out.pop();
    }
    out.push(Inline::Break);
}

fn push_word(out: &mut Vec<Inline>, word: &str) {
    match out.last_mut() {
        Some(Inline::Text(text)) => text.push_str(word),
        _ => out.push(Inline::Text(word.to_string())),
    }
}

/// Renders blocks into lines, each indented by `indent` spaces. In a list item (`tight`) a
/// list follows its paragraph directly so that the list stays compact.
fn render_blocks(blocks: &[Block], indent: usize, tight: bool, out: &mut Vec<String>) {
    let pad = " ".repeat(indent);
    for (i, block) in blocks.iter().enumerate() {
        let follows_paragraph = i > 0 && matches!(blocks[i - 1], Block::Paragraph(_));
        if i > 0 && !(tight && follows_paragraph && matches!(block, Block::List { .. })) {
            out.push(String::new());
        }
        match block {
            Block::Paragraph(inlines) => {
                for line in render_inlines(inlines, false).split('\n') {
                    out.push(format!("{pad}{}", escape_line_start(line)));
                }
            }
            Block::Code(code) => {
                let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
                out.push(format!("{pad}{fence}text"));
                for line in code.lines() {
                    if line.is_empty() {
                        out.push(String::new());
                    } else {
                        out.push(format!("{pad}{line}"));
                    }
                }
                out.push(format!("{pad}{fence}"));
            }
            Block::List { ordered, items } => {
                let mut separate = false;
                for (n, item) in items.iter().enumerate() {
                    if separate {
                        out.push(String::new());
                    }
                    let marker = if *ordered {
                        format!("{}.", n + 1)
                    } else {
                        "-".to_string()
                    };
                    let content_column = indent + marker.len() + 1;
                    let content_indent = content_column.min(MAX_INDENT);
                    let start = out.len();
                    render_blocks(item, content_indent, true, out);
                    // Where the item's content column is too deep to indent to, only a
                    // paragraph (with lazy continuation lines) can follow the marker; other
                    // blocks stand without one, in the enclosing item.
                    let fits = content_column <= MAX_INDENT
                        || matches!(item.first(), Some(Block::Paragraph(_)));
                    if let Some(first) = out.get_mut(start).filter(|_| fits) {
                        let content = first.get(content_indent..).unwrap_or("");
                        *first = format!("{pad}{marker} {content}");
                    }
                    // Then the item's last lines belong to the enclosing item, and a next
                    // item numbered 2 or more could not interrupt a paragraph there.
                    separate = content_column > MAX_INDENT && (item.len() > 1 || !fits);
                }
            }
        }
    }
}

/// Rendered inline content, before emphasis markers are chosen.
enum Piece {
    Markdown(String),
    /// A link written `[label]`, which what follows must not extend.
    Shortcut(String),
    Emphasis {
        marker: &'static str,
        tag: &'static str,
        content: String,
    },
}

impl Piece {
    /// The first character the piece will have in the output; emphasis starts with `*` or `<`,
    /// either of which is punctuation, so `*` stands for both.
    fn first_char(&self) -> Option<char> {
        match self {
            Piece::Markdown(text) => text.chars().next(),
            Piece::Shortcut(_) => Some('['),
            Piece::Emphasis { .. } => Some('*'),
        }
    }
}

fn render_inlines(inlines: &[Inline], in_link: bool) -> String {
    let pieces: Vec<Piece> = inlines
        .iter()
        .map(|inline| render_inline(inline, in_link))
        .collect();
    let mut out = String::new();
    for (i, piece) in pieces.iter().enumerate() {
        let first = piece.first_char();
        // `!` before a link would make it an image.
        if first == Some('[') && out.ends_with('!') {
            out.pop();
            out.push_str("\\!");
        }
        if i > 0 && matches!(pieces[i - 1], Piece::Shortcut(_)) {
            match first {
                // `[a][b]` and `[a](b)` would be one link, `[a]: b` a link definition.
                Some('[') => out.push_str("[]"),
                Some('(' | ':') => out.push('\\'),
                _ => {}
            }
        }
        match piece {
            Piece::Markdown(text) | Piece::Shortcut(text) => out.push_str(text),
            Piece::Emphasis {
                marker,
                tag,
                content,
            } => {
                let before = out.chars().next_back();
                let after = pieces.get(i + 1).and_then(Piece::first_char);
                if delimiters_work(before, content, after) {
                    out.push_str(marker);
                    out.push_str(content);
                    out.push_str(marker);
                } else {
                    out.push_str(&format!("<{tag}>{content}</{tag}>"));
                }
            }
        }
    }
    out
}

fn render_inline(inline: &Inline, in_link: bool) -> Piece {
    let markdown = match inline {
        Inline::Text(text) => render_text(text, in_link),
        Inline::Space => " ".to_string(),
        Inline::Break => "\\\n".to_string(),
        // In link text a bracket in code could end the link label: `[a`]: b`](c)` is a
        // link definition. Escaped text keeps the characters.
        Inline::Code(code) if in_link && code.contains(['[', ']']) => render_text(code, true),
        Inline::Code(code) => code_span(code),
        Inline::Strong(content) => {
            return Piece::Emphasis {
                marker: "**",
                tag: "strong",
                content: render_inlines(content, in_link),
            };
        }
        Inline::Emphasis(content) => {
            return Piece::Emphasis {
                marker: "*",
                tag: "em",
                content: render_inlines(content, in_link),
            };
        }
        Inline::Link { url, content } => {
            let text_is_url = matches!(content.as_slice(), [Inline::Text(text)] if text == url);
            if text_is_url {
                format!("<{}>", autolink_target(url))
            } else {
                format!(
                    "[{}]({})",
                    render_inlines(content, true),
                    link_destination(url)
                )
            }
        }
        Inline::ItemLink { name, path } if path == name => {
            return Piece::Shortcut(format!("[{}]", code_span(name)));
        }
        Inline::ItemLink { name, path } => format!("[{}]({path})", code_span(name)),
    };
    Piece::Markdown(markdown)
}

/// Whether `*`/`**` around `content` open and close emphasis (CommonMark's flanking rules),
/// given the characters just outside. Next to another `*` the runs would merge, so no.
fn delimiters_work(before: Option<char>, content: &str, after: Option<char>) -> bool {
    let (Some(first), Some(last)) = (content.chars().next(), content.chars().last()) else {
        return false;
    };
    let outside_ok = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || is_punctuation(c));
    before != Some('*')
        && after != Some('*')
        && !first.is_whitespace()
        && !last.is_whitespace()
        && (!is_punctuation(first) || outside_ok(before))
        && (!is_punctuation(last) || outside_ok(after))
}

/// CommonMark's punctuation (Unicode P and S categories), approximated for non-ASCII.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace())
}

fn longest_run(text: &str, of: char) -> usize {
    let mut longest = 0;
    let mut current = 0;
    for c in text.chars() {
        current = if c == of { current + 1 } else { 0 };
        longest = longest.max(current);
    }
    longest
}

fn code_span(code: &str) -> String {
    let fence = "`".repeat(longest_run(code, '`') + 1);
    if code.starts_with('`') || code.ends_with('`') {
        format!("{fence} {code} {fence}")
    } else {
        format!("{fence}{code}{fence}")
    }
}

/// Escapes a word of text; URLs in it become autolinks (outside of link text).
fn render_text(word: &str, in_link: bool) -> String {
    let mut out = String::new();
    let mut rest = word;
    while let Some((start, len)) = find_url(rest) {
        escape_text(&rest[..start], &mut out);
        let url = &rest[start..start + len];
        if in_link {
            escape_text(url, &mut out);
        } else {
            out.push('<');
            out.push_str(&autolink_target(url));
            out.push('>');
        }
        rest = &rest[start + len..];
    }
    escape_text(rest, &mut out);
    out
}

/// Finds an `http(s)://` URL in a word: its start and length, without trailing punctuation.
fn find_url(word: &str) -> Option<(usize, usize)> {
    let lower = word.to_ascii_lowercase();
    let mut from = 0;
    while let Some(offset) = lower[from..].find("http") {
        let start = from + offset;
        let scheme = ["https://", "http://"]
            .into_iter()
            .find(|scheme| lower[start..].starts_with(scheme));
        if let Some(scheme) = scheme {
            let candidate = &word[start..];
            let mut end = candidate
                .find(|c: char| c == '<' || c == '>' || c.is_whitespace() || c.is_control())
                .unwrap_or(candidate.len());
            loop {
                let url = &candidate[..end];
                let Some(last) = url.chars().last() else {
                    break;
                };
                let unbalanced = |open, close| {
                    last == close && url.matches(close).count() > url.matches(open).count()
                };
                if ".,:;!?'\"*_~".contains(last)
                    || unbalanced('(', ')')
                    || unbalanced('[', ']')
                    || unbalanced('{', '}')
                {
                    end -= last.len_utf8();
                } else {
                    break;
                }
            }
            if end > scheme.len() {
                return Some((start, end));
            }
        }
        from = start + "http".len();
    }
    None
}

/// Escapes characters that Markdown could read as syntax anywhere in a line.
fn escape_text(text: &str, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '|' | '~' => true,
            // rustdoc's smart punctuation would turn `--` into a dash.
            '-' => after == Some('-'),
            // Only `_` between letters or digits cannot start or end emphasis.
            '_' => {
                !(before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric))
            }
            // `&amp;` and the like would become character references.
            '&' => after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '#'),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Escapes what Markdown would read as the start of a block (heading, list, quote, …).
fn escape_line_start(line: &str) -> String {
    if line.starts_with(['#', '-', '+', '=', '>']) {
        return format!("\\{line}");
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    let list_marker =
        rest.starts_with(['.', ')']) && rest[1..].chars().next().is_none_or(|c| c == ' ');
    if digits > 0 && list_marker {
        format!("{}\\{rest}", &line[..digits])
    } else {
        line.to_string()
    }
}

fn percent_encode(c: char, out: &mut String) {
    let mut buffer = [0; 4];
    for byte in c.encode_utf8(&mut buffer).bytes() {
        out.push_str(&format!("%{byte:02X}"));
    }
}

/// A URL as the target of an autolink (`<…>`), which allows no spaces or angle brackets.
fn autolink_target(url: &str) -> String {
    let mut out = String::new();
    for c in url.chars() {
        match c {
            '\t' | '\n' | '\r' => {}
            '<' | '>' => percent_encode(c, &mut out),
            c if c.is_whitespace() || c.is_control() => percent_encode(c, &mut out),
            c => out.push(c),
        }
    }
    out
}

/// A URL as the destination of an inline link `[…](…)`.
fn link_destination(url: &str) -> String {
    let mut out = String::new();
    for c in url.chars() {
        match c {
            '\t' | '\n' | '\r' => {}
            '(' | ')' => {
                out.push('\\');
                out.push(c);
            }
            '<' | '>' | '\\' => percent_encode(c, &mut out),
            c if c.is_whitespace() || c.is_control() => percent_encode(c, &mut out),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_links(_: &str) -> Option<String> {
        None
    }

    fn md(html: &str) -> String {
        html_to_markdown(html, &no_links)
    }

    fn md_linked(html: &str) -> String {
        let link = |name: &str| match name {
            "StartAssessmentRun" => Some("crate::operation::start_assessment_run".to_string()),
            _ => None,
        };
        html_to_markdown(html, &link)
    }

    /// Lines outside of fenced code blocks.
    fn prose_lines(markdown: &str) -> Vec<&str> {
        let mut in_fence = false;
        let mut lines = Vec::new();
        for line in markdown.lines() {
            if line.trim_start().starts_with("```") {
                in_fence = !in_fence;
            } else if !in_fence {
                lines.push(line);
            }
        }
        lines
    }

    fn assert_no_indented_code(markdown: &str) {
        for line in prose_lines(markdown) {
            let indent = line.len() - line.trim_start().len();
            assert!(
                indent < 4,
                "line indented by {indent}: {line:?} in\n{markdown}"
            );
        }
    }

    #[test]
    fn empty_input_gives_empty_output() {
        assert_eq!(md(""), "");
        assert_eq!(md("   \n\t "), "");
        assert_eq!(md("<p/>"), "");
        assert_eq!(md("<p></p><p> </p><br><br>"), "");
    }

    #[test]
    fn paragraphs_are_separated_by_one_blank_line() {
        assert_eq!(md("<p>One.</p><p>Two.</p>"), "One.\n\nTwo.");
        assert_eq!(
            md("Loose text <p>Para</p> tail"),
            "Loose text\n\nPara\n\ntail"
        );
    }

    #[test]
    fn self_closing_p_is_the_same_as_an_empty_p() {
        for (self_closing, explicit) in [
            ("<p/>", "<p></p>"),
            ("<p>a</p><p/><p>b</p>", "<p>a</p><p></p><p>b</p>"),
            ("<p/>Text after<p>Next</p>", "<p></p>Text after<p>Next</p>"),
            ("<p/><ul><li>x</li></ul>", "<p></p><ul><li>x</li></ul>"),
            ("<li><p/>Item</li>", "<li><p></p>Item</li>"),
            ("<note><p/>Careful</note>", "<note><p></p>Careful</note>"),
        ] {
            assert_eq!(md(self_closing), md(explicit), "{self_closing}");
        }
    }

    #[test]
    fn whitespace_differences_do_not_change_output() {
        let compact = "<p>Lists <b>all</b> the <code>ARN</code> values.</p><ul><li><p>One</p></li><li>Two</li></ul><p>End.</p>";
        let spread = "\n  <p>\n\tLists   <b>all</b>\n the\t<code> ARN </code>  values.\n</p>\n <ul>\n  <li> <p> One </p> </li>\n  <li>\n Two\n</li>\n </ul>\r\n<p>End. </p>\n";
        assert_eq!(md(compact), md(spread));
        assert_eq!(
            md(compact),
            "Lists **all** the `ARN` values.\n\n- One\n- Two\n\nEnd."
        );
    }

    #[test]
    fn whitespace_at_the_edges_of_emphasis_moves_outside() {
        assert_eq!(md("<p>a<b> bold </b>b</p>"), "a **bold** b");
        assert_eq!(md("<p>a<i>\nslanted</i>.</p>"), "a *slanted*.");
        assert_eq!(md("<p>a<b> </b>b</p>"), "a b");
        assert_eq!(md("<p><b></b></p>"), "");
    }

    #[test]
    fn code_becomes_inline_code() {
        assert_eq!(
            md("<p>Use <code>ListFindings</code>.</p>"),
            "Use `ListFindings`."
        );
        assert_eq!(md("<code>a*b_c[d]</code>"), "`a*b_c[d]`");
    }

    #[test]
    fn code_with_backticks_uses_a_longer_fence() {
        assert_eq!(md("<code>a`b</code>"), "``a`b``");
        assert_eq!(md("<code>a``b</code>"), "```a``b```");
        assert_eq!(md("<code>`x`</code>"), "`` `x` ``");
    }

    #[test]
    fn bold_and_italic() {
        assert_eq!(md("<b>b</b> <strong>s</strong>"), "**b** **s**");
        assert_eq!(md("<i>i</i> <em>e</em>"), "*i* *e*");
        assert_eq!(md("<b><i>both</i></b>"), "***both***");
        assert_eq!(md("<b>outer <b>inner</b></b>"), "**outer inner**");
        assert_eq!(md("<b>a</b><b>b</b>"), "**ab**");
    }

    #[test]
    fn emphasis_falls_back_to_html_where_markers_would_not_parse() {
        // `a**"q"**b` is no emphasis in CommonMark: the markers touch both punctuation and letters.
        assert_eq!(md("a<b>\"q\"</b>b"), "a<strong>\"q\"</strong>b");
        assert_eq!(md("<b>x</b><i>y</i>"), "<strong>x</strong>*y*");
        assert_eq!(md("word<b>bold</b>word"), "word**bold**word");
        assert_eq!(md("(<b>\"q\"</b>)"), "(**\"q\"**)");
    }

    #[test]
    fn lists() {
        assert_eq!(md("<ul><li>a</li><li>b</li></ul>"), "- a\n- b");
        assert_eq!(md("<ol><li>a</li><li>b</li></ol>"), "1. a\n2. b");
        assert_eq!(
            md("<p>Intro:</p><ul><li>a</li></ul><p>After.</p>"),
            "Intro:\n\n- a\n\nAfter."
        );
        assert_eq!(md("<ul><li></li><li> </li></ul>"), "");
    }

    #[test]
    fn nested_lists_are_indented_by_two_or_three_spaces() {
        assert_eq!(
            md("<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>"),
            "- a\n  - b\n- c"
        );
        assert_eq!(md("<ol><li>a<ul><li>b</li></ul></li></ol>"), "1. a\n   - b");
        assert_eq!(md("<ul><li><p>a</p><p>more</p></li></ul>"), "- a\n\n  more");
    }

    #[test]
    fn no_line_starts_with_four_spaces() {
        let deep = "<ul><li>1<ul><li>2<ul><li>3<ul><li>4<p>p4</p><pre>code</pre></li></ul></li></ul></li></ul></li></ul>";
        assert_no_indented_code(&md(deep));
        let long: String = (0..12)
            .map(|i| format!("<li><p>{i}</p><p>more {i}</p><ul><li>sub</li></ul></li>"))
            .collect();
        assert_no_indented_code(&md(&format!("<ol>{long}</ol>")));
        assert_no_indented_code(&md("<p>a<br>    b</p><p>        c</p>"));
    }

    #[test]
    fn line_breaks() {
        assert_eq!(md("<p>a<br>b<br/>c</p>"), "a\\\nb\\\nc");
        assert_eq!(md("<p>a <br> b</p>"), "a\\\nb");
        assert_eq!(md("<p>a<br><br>b</p>"), "a\n\nb");
        assert_eq!(md("<p><br>a<br></p>"), "a");
    }

    #[test]
    fn pre_becomes_a_fenced_text_block() {
        assert_eq!(
            md("<p>Example:</p><pre>\n    {\n      \"a\": 1\n    }\n</pre>"),
            "Example:\n\n```text\n{\n  \"a\": 1\n}\n```"
        );
        assert_eq!(md("<pre>a ``` b</pre>"), "````text\na ``` b\n````");
        assert_eq!(
            md("<pre><code>x &lt; y</code></pre>"),
            "```text\nx < y\n```"
        );
        assert_eq!(md("<pre>  \n </pre>"), "");
    }

    #[test]
    fn multi_line_code_on_its_own_is_a_code_block() {
        assert_eq!(
            md("<p><code>line 1\nline 2</code></p>"),
            "```text\nline 1\nline 2\n```"
        );
        assert_eq!(md("<p>See <code>a\nb</code></p>"), "See `a b`");
    }

    #[test]
    fn code_block_in_a_list_item_is_indented_with_the_item() {
        assert_eq!(
            md("<ul><li><p>Run:</p><pre>cmd\n  --flag</pre></li></ul>"),
            "- Run:\n\n  ```text\n  cmd\n    --flag\n  ```"
        );
    }

    #[test]
    fn links_with_href() {
        assert_eq!(
            md("<p>See <a href=\"https://docs.aws.amazon.com/a_b.html\">the guide</a>.</p>"),
            "See [the guide](https://docs.aws.amazon.com/a_b.html)."
        );
        assert_eq!(
            md("<a href=\" https://x.com/a b(c) \"> <b>bold</b> text </a>"),
            "[**bold** text](https://x.com/a%20b\\(c\\))"
        );
        assert_eq!(
            md("<a href=\"https://x.com\">https://x.com</a>"),
            "<https://x.com>"
        );
        assert_eq!(md("<a href=\"https://x.com\"> </a>"), "");
        assert_eq!(
            md("<a href=\"mailto:a@b.c\">mail</a>"),
            "[mail](mailto:a@b.c)"
        );
        // A relative link would not resolve from the generated docs.
        assert_eq!(
            md("<a href=\"/inspector/latest/x.html\">guide</a>"),
            "guide"
        );
        assert_eq!(
            md("Wow!<a href=\"https://x.com\">x</a>"),
            "Wow\\![x](https://x.com)"
        );
        // Code would make this the link definition `[w`]: y`](…)`.
        assert_eq!(
            md("<a href=\"https://x.com\">w<code>]: y</code></a>"),
            r"[w\]: y](https://x.com)"
        );
        assert_eq!(md("<a>A]: b</a>"), "`A]: b`");
    }

    #[test]
    fn anchors_without_href_link_to_items() {
        assert_eq!(
            md_linked("<p>Call <a>StartAssessmentRun</a> first.</p>"),
            "Call [`StartAssessmentRun`](crate::operation::start_assessment_run) first."
        );
        assert_eq!(md_linked("<p>See <a> Unknown</a>.</p>"), "See `Unknown`.");
        assert_eq!(md_linked("<a></a>"), "");
    }

    #[test]
    fn anchors_resolved_to_their_own_name_become_shortcut_links() {
        let link = |name: &str| Some(name.to_string());
        assert_eq!(
            html_to_markdown("See <a>Finding</a>.", &link),
            "See [`Finding`]."
        );
        assert_eq!(html_to_markdown("<a>A</a>(s)", &link), "[`A`]\\(s)");
        assert_eq!(html_to_markdown("<a>A</a>: x", &link), "[`A`]\\: x");
        assert_eq!(html_to_markdown("<a>A</a><a>B</a>", &link), "[`A`][][`B`]");
        assert_eq!(
            html_to_markdown("<a>A</a><a href=\"https://x.com\">x</a>", &link),
            "[`A`][][x](https://x.com)"
        );
    }

    #[test]
    fn link_callback_gets_the_trimmed_name() {
        let seen = std::cell::RefCell::new(Vec::new());
        let link = |name: &str| {
            seen.borrow_mut().push(name.to_string());
            None
        };
        html_to_markdown("<a>\n  Describe\n Findings </a>", &link);
        assert_eq!(seen.into_inner(), ["Describe Findings"]);
    }

    #[test]
    fn notes_and_other_containers_keep_their_text() {
        assert_eq!(md("<note><p>Careful.</p></note>"), "**Note:** Careful.");
        assert_eq!(
            md("<important>Really.</important>"),
            "**Important:** Really."
        );
        assert_eq!(md("<note><ul><li>x</li></ul></note>"), "**Note:**\n\n- x");
        assert_eq!(
            md("<fullname>Amazon Inspector</fullname> <p>Analyzes.</p>"),
            "Amazon Inspector\n\nAnalyzes."
        );
        assert_eq!(md("<div>a</div><div>b</div>"), "a\n\nb");
        assert_eq!(md("<h2>Title</h2><p>Body</p>"), "**Title**\n\nBody");
        assert_eq!(
            md("<dl><dt>Term</dt><dd>Meaning</dd></dl>"),
            "**Term**\n\nMeaning"
        );
        assert_eq!(
            md(
                "<table><tr><th>Name</th><th>Value</th></tr><tr><td>a</td><td><b>1</b></td></tr></table>"
            ),
            "- Name; Value\n- a; **1**"
        );
    }

    #[test]
    fn unknown_tags_never_leak() {
        assert_eq!(md("<p>a <foo>b</foo> <x-y z=\"1\">c</x-y></p>"), "a b c");
        assert_eq!(md("<span>a</span><unknown><p>b</p></unknown>"), "a\n\nb");
        assert_eq!(md("<b><p>x</p></b>"), "x");
        assert_eq!(md("a<!-- comment -->b"), "ab");
    }

    #[test]
    fn markdown_characters_in_text_are_escaped() {
        assert_eq!(md(r"a\b"), r"a\\b");
        assert_eq!(md("a`b"), r"a\`b");
        assert_eq!(md("a*b*"), r"a\*b\*");
        assert_eq!(md("See [1] and [link](x)"), r"See \[1\] and \[link\](x)");
        assert_eq!(md("x &lt;script&gt; y"), r"x \<script> y");
        assert_eq!(md("a | b"), r"a \| b");
        assert_eq!(md("~1~"), r"\~1\~");
        assert_eq!(md("/* comment */"), r"/\* comment \*/");
        assert_eq!(md("--dry-run"), r"\--dry-run");
    }

    #[test]
    fn ampersand_is_escaped_only_where_it_could_start_an_entity() {
        assert_eq!(md("A &amp; B"), "A & B");
        assert_eq!(md("&amp;lt; and &amp;#60;"), r"\&lt; and \&#60;");
    }

    #[test]
    fn underscore_is_escaped_only_where_it_could_start_emphasis() {
        assert_eq!(
            md("START_EVALUATION and snake_case"),
            "START_EVALUATION and snake_case"
        );
        assert_eq!(
            md("_private trailing_ a__b"),
            r"\_private trailing\_ a\_\_b"
        );
    }

    #[test]
    fn block_syntax_at_the_start_of_a_line_is_escaped() {
        assert_eq!(md("# not a heading"), r"\# not a heading");
        assert_eq!(md("- not an item"), r"\- not an item");
        assert_eq!(md("+ not an item"), r"\+ not an item");
        assert_eq!(md("="), r"\=");
        assert_eq!(md("&gt; not a quote"), r"\> not a quote");
        assert_eq!(md("1. not an item"), r"1\. not an item");
        assert_eq!(md("12) not an item"), r"12\) not an item");
        assert_eq!(md("3.5 GB"), "3.5 GB");
        assert_eq!(md("a<br>- b<br>2. c"), "a\\\n\\- b\\\n2\\. c");
        assert_eq!(md("<ul><li>1. first</li></ul>"), r"- 1\. first");
        assert_eq!(md("a - b > c"), "a - b > c");
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            md("See https://docs.aws.amazon.com/inspector/x_y.html."),
            "See <https://docs.aws.amazon.com/inspector/x_y.html>."
        );
        assert_eq!(md("(http://a.com/b_(c))"), "(<http://a.com/b_(c)>)");
        assert_eq!(md("'https://a.com'"), "'<https://a.com>'");
        assert_eq!(md("https:// alone"), "https:// alone");
        assert_eq!(
            md("<a href=\"https://a.com\">at https://a.com/x</a>"),
            "[at https://a.com/x](https://a.com)"
        );
    }

    #[test]
    fn malformed_html_does_not_panic() {
        for html in [
            "<p>unclosed <b>bold <i>both",
            "</p></b></a></ul>",
            "<ul><li>a<li>b</ol>",
            "<<<>>>&&&;;;",
            "<a href=>x</a><a href>y</a>",
            "<table><td>a<tr>b</table>",
            "<pre>",
            "<code>",
            "<p>\u{0}\u{1b}\u{feff}</p>",
            "<b>a<p>b</b>c</p>",
            "<![CDATA[x]]><?php ?><!DOCTYPE html>",
            "<script>alert('<b>')</script><style>p{}</style>",
        ] {
            let out = md(html);
            assert!(
                !out.contains("<p>") && !out.contains("</b>"),
                "{html} → {out}"
            );
            assert_no_indented_code(&out);
        }
    }

    #[test]
    fn deep_nesting_does_not_exhaust_the_stack() {
        for tag in ["b", "div", "ul", "span", "a", "note"] {
            let html = format!(
                "{}x{}",
                format!("<{tag}>").repeat(2_000),
                format!("</{tag}>").repeat(2_000)
            );
            let out = md(&html);
            assert!(out.contains('x'), "{tag}: {out}");
            assert_no_indented_code(&out);
        }
    }
}
