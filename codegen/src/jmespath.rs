//! JMESPath expressions, as waiters' acceptors write them: a lexer and a Pratt parser (the
//! grammar and binding powers of jmespath.py, which botocore evaluates them with) that turn an
//! expression into an [`Ast`]. The emitter compiles the tree into Rust over the generated
//! types; nothing evaluates JMESPath at run time.
//!
//! The parser reads the subset the generator compiles and says which construct stops it
//! otherwise: identifiers (bare and quoted), sub-expressions `a.b`, the current node `@`,
//! indexes `a[0]` and `a[-1]`, flattening `a[]` and list wildcards `a[*]` (projections),
//! filter projections `a[?cond]`, comparisons `==` `!=` `<` `<=` `>` `>=`, `&&`, `||`, `!`,
//! parentheses, pipes `a | b`, JSON literals `` `0` ``, raw strings `'text'` and function
//! calls `name(args)`. Slices, object wildcards `*`, multi-select lists and hashes and
//! expression references are refused as [`ParseError::Unsupported`].

use std::fmt;

/// A parsed JMESPath expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Ast {
    /// `@`: the current node.
    Identity,
    /// A field of the current object.
    Field(String),
    /// `left.right`: `right` evaluated on the result of `left`.
    Subexpr(Box<Ast>, Box<Ast>),
    /// `left | right`: as a sub-expression, but ends a projection.
    Pipe(Box<Ast>, Box<Ast>),
    /// `left[index]`; a negative index counts from the end.
    Index(Box<Ast>, i64),
    /// `left[]`: a list with its list items' items in their place.
    Flatten(Box<Ast>),
    /// A projection: `right` evaluated on each item of the list `left`, nulls dropped.
    Projection(Box<Ast>, Box<Ast>),
    /// `left[?condition]` then `right`: a projection of the items whose condition is truthy.
    FilterProjection {
        /// The list filtered.
        left: Box<Ast>,
        /// What is taken of each kept item.
        right: Box<Ast>,
        /// The test each item must pass.
        condition: Box<Ast>,
    },
    /// A comparison.
    Comparison(Comparison, Box<Ast>, Box<Ast>),
    /// `left && right`.
    And(Box<Ast>, Box<Ast>),
    /// `left || right`.
    Or(Box<Ast>, Box<Ast>),
    /// `!operand`.
    Not(Box<Ast>),
    /// A JSON literal or raw string.
    Literal(serde_json::Value),
    /// `name(arguments)`.
    Function(String, Vec<Ast>),
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// `==`
    Equal,
    /// `!=`
    NotEqual,
    /// `<`
    Less,
    /// `<=`
    LessOrEqual,
    /// `>`
    Greater,
    /// `>=`
    GreaterOrEqual,
}

impl Comparison {
    /// The operator as JMESPath writes it.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Equal => "==",
            Comparison::NotEqual => "!=",
            Comparison::Less => "<",
            Comparison::LessOrEqual => "<=",
            Comparison::Greater => ">",
            Comparison::GreaterOrEqual => ">=",
        }
    }
}

/// Why an expression was not parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Not a JMESPath expression: what is wrong, and at which character.
    Syntax(String),
    /// Valid JMESPath the generator does not compile: which construct.
    Unsupported(String),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Syntax(message) => write!(f, "not valid JMESPath: {message}"),
            ParseError::Unsupported(what) => write!(f, "{what} is not supported"),
        }
    }
}

/// Parses `text`.
pub fn parse(text: &str) -> Result<Ast, ParseError> {
    let tokens = lex(text)?;
    let mut parser = Parser { tokens, at: 0 };
    let ast = parser.expression(0)?;
    match parser.peek() {
        Token::Eof => Ok(ast),
        other => Err(parser.syntax(format!("unexpected {}", other.describe()))),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Identifier(String),
    Number(i64),
    Literal(serde_json::Value),
    Dot,
    Star,
    Flatten,
    Filter,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    LParen,
    RParen,
    Comma,
    Colon,
    Pipe,
    Or,
    And,
    Not,
    Ampersand,
    At,
    Compare(Comparison),
    Eof,
}

impl Token {
    fn describe(&self) -> String {
        match self {
            Token::Identifier(name) => format!("identifier `{name}`"),
            Token::Number(n) => format!("number {n}"),
            Token::Literal(value) => format!("literal `{value}`"),
            Token::Dot => "`.`".into(),
            Token::Star => "`*`".into(),
            Token::Flatten => "`[]`".into(),
            Token::Filter => "`[?`".into(),
            Token::LBracket => "`[`".into(),
            Token::RBracket => "`]`".into(),
            Token::LBrace => "`{`".into(),
            Token::RBrace => "`}`".into(),
            Token::LParen => "`(`".into(),
            Token::RParen => "`)`".into(),
            Token::Comma => "`,`".into(),
            Token::Colon => "`:`".into(),
            Token::Pipe => "`|`".into(),
            Token::Or => "`||`".into(),
            Token::And => "`&&`".into(),
            Token::Not => "`!`".into(),
            Token::Ampersand => "`&`".into(),
            Token::At => "`@`".into(),
            Token::Compare(op) => format!("`{}`", op.symbol()),
            Token::Eof => "the end of the expression".into(),
        }
    }

    /// jmespath.py's binding powers.
    fn binding_power(&self) -> u8 {
        match self {
            Token::Pipe => 1,
            Token::Or => 2,
            Token::And => 3,
            Token::Compare(_) => 5,
            Token::Flatten => 9,
            Token::Star => 20,
            Token::Filter => 21,
            Token::Dot => 40,
            Token::Not => 45,
            Token::LBrace => 50,
            Token::LBracket => 55,
            Token::LParen => 60,
            _ => 0,
        }
    }
}

/// Tokens with the character offset each starts at.
fn lex(text: &str) -> Result<Vec<(Token, usize)>, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let syntax =
        |at: usize, message: &str| ParseError::Syntax(format!("{message} at character {at}"));
    while i < chars.len() {
        let start = i;
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let token = match c {
            ' ' | '\t' | '\n' | '\r' => {
                i += 1;
                continue;
            }
            'a'..='z' | 'A'..='Z' | '_' => {
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                tokens.push((Token::Identifier(chars[start..i].iter().collect()), start));
                continue;
            }
            '-' | '0'..='9' => {
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                let digits: String = chars[start..i].iter().collect();
                let number = digits
                    .parse()
                    .map_err(|_| syntax(start, &format!("`{digits}` is not a number")))?;
                tokens.push((Token::Number(number), start));
                continue;
            }
            '"' => {
                let (body, end) = delimited(&chars, i, '"')
                    .ok_or_else(|| syntax(start, "unterminated quoted identifier"))?;
                let name: String = serde_json::from_str(&format!("\"{body}\""))
                    .map_err(|_| syntax(start, "invalid quoted identifier"))?;
                i = end;
                tokens.push((Token::Identifier(name), start));
                continue;
            }
            '\'' => {
                let (body, end) = delimited(&chars, i, '\'')
                    .ok_or_else(|| syntax(start, "unterminated raw string"))?;
                i = end;
                tokens.push((
                    Token::Literal(serde_json::Value::String(body.replace("\\'", "'"))),
                    start,
                ));
                continue;
            }
            '`' => {
                let (body, end) = delimited(&chars, i, '`')
                    .ok_or_else(|| syntax(start, "unterminated literal"))?;
                let value = serde_json::from_str(body.replace("\\`", "`").trim())
                    .map_err(|_| syntax(start, &format!("`{body}` is not a JSON literal")))?;
                i = end;
                tokens.push((Token::Literal(value), start));
                continue;
            }
            '.' => Token::Dot,
            '*' => Token::Star,
            ']' => Token::RBracket,
            '{' => Token::LBrace,
            '}' => Token::RBrace,
            '(' => Token::LParen,
            ')' => Token::RParen,
            ',' => Token::Comma,
            ':' => Token::Colon,
            '@' => Token::At,
            '[' => match next {
                Some(']') => {
                    i += 1;
                    Token::Flatten
                }
                Some('?') => {
                    i += 1;
                    Token::Filter
                }
                _ => Token::LBracket,
            },
            '|' if next == Some('|') => {
                i += 1;
                Token::Or
            }
            '|' => Token::Pipe,
            '&' if next == Some('&') => {
                i += 1;
                Token::And
            }
            '&' => Token::Ampersand,
            '!' if next == Some('=') => {
                i += 1;
                Token::Compare(Comparison::NotEqual)
            }
            '!' => Token::Not,
            '=' if next == Some('=') => {
                i += 1;
                Token::Compare(Comparison::Equal)
            }
            '<' if next == Some('=') => {
                i += 1;
                Token::Compare(Comparison::LessOrEqual)
            }
            '<' => Token::Compare(Comparison::Less),
            '>' if next == Some('=') => {
                i += 1;
                Token::Compare(Comparison::GreaterOrEqual)
            }
            '>' => Token::Compare(Comparison::Greater),
            other => return Err(syntax(start, &format!("unexpected character {other:?}"))),
        };
        i += 1;
        tokens.push((token, start));
    }
    tokens.push((Token::Eof, chars.len()));
    Ok(tokens)
}

/// The text between the delimiter at `open` and the next one not escaped with `\`, and the
/// offset after the closing delimiter.
fn delimited(chars: &[char], open: usize, delimiter: char) -> Option<(String, usize)> {
    let mut i = open + 1;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            c if c == delimiter => return Some((chars[open + 1..i].iter().collect(), i + 1)),
            _ => i += 1,
        }
    }
    None
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> &Token {
        &self.tokens[self.at].0
    }

    fn peek_at(&self, ahead: usize) -> &Token {
        let last = self.tokens.len() - 1;
        &self.tokens[(self.at + ahead).min(last)].0
    }

    fn advance(&mut self) -> Token {
        let token = self.tokens[self.at].0.clone();
        if self.at < self.tokens.len() - 1 {
            self.at += 1;
        }
        token
    }

    fn syntax(&self, message: String) -> ParseError {
        ParseError::Syntax(format!("{message} at character {}", self.tokens[self.at].1))
    }

    fn expect(&mut self, wanted: &Token) -> Result<(), ParseError> {
        if self.peek() == wanted {
            self.advance();
            Ok(())
        } else {
            Err(self.syntax(format!(
                "expected {}, found {}",
                wanted.describe(),
                self.peek().describe()
            )))
        }
    }

    fn expression(&mut self, binding_power: u8) -> Result<Ast, ParseError> {
        let token = self.advance();
        let mut left = self.nud(token)?;
        while binding_power < self.peek().binding_power() {
            let token = self.advance();
            left = self.led(token, left)?;
        }
        Ok(left)
    }

    fn nud(&mut self, token: Token) -> Result<Ast, ParseError> {
        match token {
            Token::Identifier(name) => Ok(Ast::Field(name)),
            Token::Literal(value) => Ok(Ast::Literal(value)),
            Token::At => Ok(Ast::Identity),
            Token::Not => Ok(Ast::Not(Box::new(
                self.expression(Token::Not.binding_power())?,
            ))),
            Token::LParen => {
                let inner = self.expression(0)?;
                self.expect(&Token::RParen)?;
                Ok(inner)
            }
            Token::Flatten => {
                let right = self.projection_rhs(Token::Flatten.binding_power())?;
                Ok(Ast::Projection(
                    Box::new(Ast::Flatten(Box::new(Ast::Identity))),
                    Box::new(right),
                ))
            }
            Token::Filter => self.filter(Ast::Identity),
            Token::LBracket => self.bracket(Ast::Identity),
            Token::Star => Err(ParseError::Unsupported("the object wildcard `*`".into())),
            Token::LBrace => Err(ParseError::Unsupported("a multi-select hash `{…}`".into())),
            Token::Ampersand => Err(ParseError::Unsupported(
                "an expression reference `&`".into(),
            )),
            other => Err(self.syntax(format!("unexpected {}", other.describe()))),
        }
    }

    fn led(&mut self, token: Token, left: Ast) -> Result<Ast, ParseError> {
        let power = token.binding_power();
        match token {
            Token::Dot => {
                let right = self.dot_rhs(power)?;
                Ok(Ast::Subexpr(Box::new(left), Box::new(right)))
            }
            Token::Pipe => {
                let right = self.expression(power)?;
                Ok(Ast::Pipe(Box::new(left), Box::new(right)))
            }
            Token::Or => Ok(Ast::Or(Box::new(left), Box::new(self.expression(power)?))),
            Token::And => Ok(Ast::And(Box::new(left), Box::new(self.expression(power)?))),
            Token::Compare(op) => Ok(Ast::Comparison(
                op,
                Box::new(left),
                Box::new(self.expression(power)?),
            )),
            Token::Flatten => {
                let right = self.projection_rhs(power)?;
                Ok(Ast::Projection(
                    Box::new(Ast::Flatten(Box::new(left))),
                    Box::new(right),
                ))
            }
            Token::Filter => self.filter(left),
            Token::LBracket => self.bracket(left),
            Token::LParen => {
                let Ast::Field(name) = left else {
                    return Err(self.syntax("a function call needs a function name".into()));
                };
                let mut arguments = Vec::new();
                if self.peek() != &Token::RParen {
                    loop {
                        arguments.push(self.expression(0)?);
                        if self.peek() == &Token::Comma {
                            self.advance();
                        } else {
                            break;
                        }
                    }
                }
                self.expect(&Token::RParen)?;
                Ok(Ast::Function(name, arguments))
            }
            Token::Star => Err(ParseError::Unsupported("the object wildcard `*`".into())),
            Token::LBrace => Err(ParseError::Unsupported("a multi-select hash `{…}`".into())),
            other => Err(self.syntax(format!("unexpected {}", other.describe()))),
        }
    }

    /// After `[` (the left side already parsed): an index or the list wildcard `[*]`.
    fn bracket(&mut self, left: Ast) -> Result<Ast, ParseError> {
        match (self.peek().clone(), self.peek_at(1).clone()) {
            (Token::Number(index), Token::RBracket) => {
                self.advance();
                self.advance();
                Ok(Ast::Index(Box::new(left), index))
            }
            (Token::Number(_) | Token::Colon, _) => Err(ParseError::Unsupported(
                "a slice `[start:stop:step]`".into(),
            )),
            (Token::Star, Token::RBracket) => {
                self.advance();
                self.advance();
                let right = self.projection_rhs(Token::Star.binding_power())?;
                Ok(Ast::Projection(Box::new(left), Box::new(right)))
            }
            _ if left == Ast::Identity => {
                Err(ParseError::Unsupported("a multi-select list `[…]`".into()))
            }
            (other, _) => Err(self.syntax(format!("unexpected {} after `[`", other.describe()))),
        }
    }

    /// After `[?`: the condition, `]`, and the projected right side.
    fn filter(&mut self, left: Ast) -> Result<Ast, ParseError> {
        let condition = self.expression(0)?;
        self.expect(&Token::RBracket)?;
        let right = self.projection_rhs(Token::Filter.binding_power())?;
        Ok(Ast::FilterProjection {
            left: Box::new(left),
            right: Box::new(right),
            condition: Box::new(condition),
        })
    }

    fn dot_rhs(&mut self, binding_power: u8) -> Result<Ast, ParseError> {
        match self.peek() {
            Token::Identifier(_) => self.expression(binding_power),
            Token::LBracket => Err(ParseError::Unsupported("a multi-select list `.[…]`".into())),
            Token::LBrace => Err(ParseError::Unsupported("a multi-select hash `.{…}`".into())),
            Token::Star => Err(ParseError::Unsupported("the object wildcard `.*`".into())),
            other => Err(self.syntax(format!(
                "expected an identifier after `.`, found {}",
                other.describe()
            ))),
        }
    }

    /// What a projection applies to each item: nothing (the item) when the next token binds
    /// less than a projection, else the chain of `.`, `[` and `[?` that follows.
    fn projection_rhs(&mut self, binding_power: u8) -> Result<Ast, ParseError> {
        match self.peek() {
            token if token.binding_power() < 10 => Ok(Ast::Identity),
            Token::LBracket | Token::Filter => self.expression(binding_power),
            Token::Dot => {
                self.advance();
                self.dot_rhs(binding_power)
            }
            other => Err(self.syntax(format!(
                "unexpected {} after a projection",
                other.describe()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn field(name: &str) -> Box<Ast> {
        Box::new(Ast::Field(name.into()))
    }

    #[test]
    fn fields_and_sub_expressions() {
        assert_eq!(parse("status").unwrap(), Ast::Field("status".into()));
        assert_eq!(
            parse("Cluster.Status.State").unwrap(),
            Ast::Subexpr(
                Box::new(Ast::Subexpr(field("Cluster"), field("Status"))),
                field("State")
            )
        );
        assert_eq!(
            parse("\"odd name\"").unwrap(),
            Ast::Field("odd name".into())
        );
    }

    #[test]
    fn a_projection_takes_the_chain_after_it() {
        assert_eq!(
            parse("items[].health.connectorStatus").unwrap(),
            Ast::Projection(
                Box::new(Ast::Flatten(field("items"))),
                Box::new(Ast::Subexpr(field("health"), field("connectorStatus")))
            )
        );
        assert_eq!(
            parse("a[*].b").unwrap(),
            Ast::Projection(field("a"), field("b"))
        );
    }

    #[test]
    fn comparisons_bind_looser_than_projections() {
        assert_eq!(
            parse("a[].b == 'x'").unwrap(),
            Ast::Comparison(
                Comparison::Equal,
                Box::new(Ast::Projection(
                    Box::new(Ast::Flatten(field("a"))),
                    field("b")
                )),
                Box::new(Ast::Literal(json!("x")))
            )
        );
    }

    #[test]
    fn index_then_field() {
        // As jmespath.py: `[` binds tighter than `.`, so the index goes with its field.
        assert_eq!(
            parse("Reservations[0].Instances[-1].State").unwrap(),
            Ast::Subexpr(
                Box::new(Ast::Subexpr(
                    Box::new(Ast::Index(field("Reservations"), 0)),
                    Box::new(Ast::Index(field("Instances"), -1))
                )),
                field("State")
            )
        );
    }

    #[test]
    fn filters_functions_and_boolean_operators() {
        let parsed = parse(
            "length(services[?!(length(deployments) == `1` && runningCount == desiredCount)]) == `0`",
        )
        .unwrap();
        let condition = Ast::Not(Box::new(Ast::And(
            Box::new(Ast::Comparison(
                Comparison::Equal,
                Box::new(Ast::Function(
                    "length".into(),
                    vec![Ast::Field("deployments".into())],
                )),
                Box::new(Ast::Literal(json!(1))),
            )),
            Box::new(Ast::Comparison(
                Comparison::Equal,
                field("runningCount"),
                field("desiredCount"),
            )),
        )));
        assert_eq!(
            parsed,
            Ast::Comparison(
                Comparison::Equal,
                Box::new(Ast::Function(
                    "length".into(),
                    vec![Ast::FilterProjection {
                        left: field("services"),
                        right: Box::new(Ast::Identity),
                        condition: Box::new(condition),
                    }]
                )),
                Box::new(Ast::Literal(json!(0)))
            )
        );
        assert_eq!(
            parse("a || b && !c").unwrap(),
            Ast::Or(
                field("a"),
                Box::new(Ast::And(field("b"), Box::new(Ast::Not(field("c")))))
            )
        );
    }

    #[test]
    fn literals_and_raw_strings() {
        assert_eq!(parse("`true`").unwrap(), Ast::Literal(json!(true)));
        assert_eq!(
            parse("`\"a`b\"`").unwrap_err(),
            ParseError::Syntax("`\"a` is not a JSON literal at character 0".into())
        );
        assert_eq!(parse("`\"a\\`b\"`").unwrap(), Ast::Literal(json!("a`b")));
        assert_eq!(parse("'it\\'s'").unwrap(), Ast::Literal(json!("it's")));
    }

    #[test]
    fn constructs_outside_the_subset_are_named() {
        for (text, construct) in [
            ("a[0:2]", "a slice `[start:stop:step]`"),
            ("a.*", "the object wildcard `.*`"),
            ("*.b", "the object wildcard `*`"),
            ("a.[b, c]", "a multi-select list `.[…]`"),
            ("{x: a}", "a multi-select hash `{…}`"),
            ("sort_by(a, &b)", "an expression reference `&`"),
        ] {
            assert_eq!(
                parse(text),
                Err(ParseError::Unsupported(construct.into())),
                "{text}"
            );
        }
    }

    #[test]
    fn syntax_errors_say_where() {
        assert_eq!(
            parse("a.").unwrap_err().to_string(),
            "not valid JMESPath: expected an identifier after `.`, found the end of the \
             expression at character 2"
        );
        assert_eq!(
            parse("a b").unwrap_err().to_string(),
            "not valid JMESPath: unexpected identifier `b` at character 2"
        );
        assert_eq!(
            parse("(a").unwrap_err().to_string(),
            "not valid JMESPath: expected `)`, found the end of the expression at character 2"
        );
    }
}
