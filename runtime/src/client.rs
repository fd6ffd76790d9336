//! What every generated client shares: the [`Error`] of a call and the paginators' streams.

use crate::DispatchError;
use crate::endpoint::EndpointError;
use crate::error::{BuildError, SerializeError, ValidationError};

/// Why a call failed; `E` is the operation's error, e.g.
/// `DescribeAssessmentRunsError`.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// A required member of the input was not set; nothing was sent.
    Build(BuildError),
    /// The input breaks the model's constraints; nothing was sent.
    Validation(ValidationError),
    /// The input cannot be made into a request (e.g. an empty URI label); nothing was sent.
    Serialize(SerializeError),
    /// The configuration gives no endpoint (e.g. no region); nothing was sent.
    Endpoint(EndpointError),
    /// The request was not sent or no answer came: configuration, credentials,
    /// signing, transport or timeout.
    Dispatch(DispatchError),
    /// The service answered with an error (after any retries).
    Service(E),
    /// A paginator received the same page token twice, so it stopped.
    RepeatedPageToken(String),
}
impl<E> Error<E> {
    /// The service's error, if the service answered with one.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            Self::Service(error) => Some(error),
            _ => None,
        }
    }
    /// The service's error, if the service answered with one.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            Self::Service(error) => Some(error),
            _ => None,
        }
    }
}
impl<E> From<EndpointError> for Error<E> {
    fn from(error: EndpointError) -> Self {
        Self::Endpoint(error)
    }
}
impl<E: std::fmt::Display> std::fmt::Display for Error<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Build(error) => write!(f, "cannot build the input: {error}"),
            Self::Validation(error) => write!(f, "invalid input: {error}"),
            Self::Serialize(error) => error.fmt(f),
            Self::Endpoint(error) => write!(f, "no endpoint: {error}"),
            Self::Dispatch(error) => error.fmt(f),
            Self::Service(error) => {
                write!(f, "the service answered with an error: {error}")
            }
            Self::RepeatedPageToken(token) => {
                write!(
                    f,
                    "pagination stopped: the service returned the page token {token:?} twice"
                )
            }
        }
    }
}
impl<E: std::error::Error + 'static> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Build(error) => Some(error),
            Self::Validation(error) => Some(error),
            Self::Serialize(error) => Some(error),
            Self::Endpoint(error) => Some(error),
            Self::Dispatch(error) => Some(error),
            Self::Service(error) => Some(error),
            Self::RepeatedPageToken(_) => None,
        }
    }
}
/// A page's next string token as the paginators follow it: an empty one is none.
pub(crate) fn string_token<O: 'static>(
    token: fn(&O) -> Option<&str>,
) -> impl Fn(&O) -> Option<String> + Send + 'static {
    move |page| {
        token(page)
            .filter(|token| !token.is_empty())
            .map(str::to_owned)
    }
}

/// Remembers the string tokens it is shown; for one seen before, the text of the
/// [`Error::RepeatedPageToken`] that stops the pages.
pub(crate) fn repeated_string() -> impl FnMut(&String) -> Option<String> + Send + 'static {
    let mut seen = std::collections::HashSet::new();
    move |token: &String| (!seen.insert(token.clone())).then(|| token.clone())
}

/// [`repeated_string`] for tokens of any type, by their `Debug` form. They need not hash: a
/// paginated call makes few enough pages to compare each token with every earlier one.
pub(crate) fn repeated<T: PartialEq + std::fmt::Debug + Clone + Send + 'static>()
-> impl FnMut(&T) -> Option<String> + Send + 'static {
    let mut seen: Vec<T> = Vec::new();
    move |token: &T| {
        if seen.contains(token) {
            Some(format!("{token:?}"))
        } else {
            seen.push(token.clone());
            None
        }
    }
}

/// How a paginator sends the call for one page.
#[cfg(feature = "client")]
pub type SendPage<C, I, O, E> = fn(C, I) -> crate::BoxFuture<'static, Result<O, Error<E>>>;
/// The pages of a paginated operation, as a [`Stream`](futures_core::Stream): it
/// ends after the page without a next token, or with
/// [`Error::RepeatedPageToken`] after a page whose token was seen before.
#[cfg(feature = "client")]
pub struct PageStream<O, E> {
    inner: std::pin::Pin<Box<dyn futures_core::Stream<Item = Result<O, Error<E>>> + Send>>,
}
#[cfg(feature = "client")]
impl<O, E> std::fmt::Debug for PageStream<O, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageStream").finish_non_exhaustive()
    }
}
#[cfg(feature = "client")]
impl<O, E> futures_core::Stream for PageStream<O, E> {
    type Item = Result<O, Error<E>>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}
#[cfg(feature = "client")]
impl<O: Send + 'static, E: Send + 'static> PageStream<O, E> {
    /// Calls `send` for the first page and then for every next token of `token`,
    /// set on the input by `set_token`: string tokens, of which an empty one ends the pages.
    #[doc(hidden)]
    pub fn new<C: Clone + Send + 'static, I: Clone + Send + 'static>(
        client: C,
        input: I,
        send: SendPage<C, I, O, E>,
        token: fn(&O) -> Option<&str>,
        set_token: fn(&mut I, String),
    ) -> Self {
        Self::following(
            client,
            input,
            send,
            string_token(token),
            set_token,
            repeated_string(),
        )
    }

    /// [`new`](Self::new) for tokens of any type (a map, say, as DynamoDB's
    /// `LastEvaluatedKey`): `token` gives a page's next token, `None` after the last page, and
    /// `set_token` puts it into the input. A token equal to one seen before stops the pages with
    /// [`Error::RepeatedPageToken`], which holds its `Debug` form.
    #[doc(hidden)]
    pub fn with_token<
        C: Clone + Send + 'static,
        I: Clone + Send + 'static,
        T: PartialEq + std::fmt::Debug + Clone + Send + 'static,
    >(
        client: C,
        input: I,
        send: SendPage<C, I, O, E>,
        token: fn(&O) -> Option<T>,
        set_token: fn(&mut I, T),
    ) -> Self {
        Self::following(client, input, send, token, set_token, repeated())
    }

    /// The pages: `token` gives a page's next token, `repeated` remembers it and says (with
    /// the text of the error) when it was seen before.
    fn following<C, I, T>(
        client: C,
        input: I,
        send: SendPage<C, I, O, E>,
        token: impl Fn(&O) -> Option<T> + Send + 'static,
        set_token: fn(&mut I, T),
        repeated: impl FnMut(&T) -> Option<String> + Send + 'static,
    ) -> Self
    where
        C: Clone + Send + 'static,
        I: Clone + Send + 'static,
        T: Send + 'static,
    {
        enum Next<I, E> {
            Page(I),
            Fail(Error<E>),
            Done,
        }
        struct State<C, I, E, F, R> {
            client: C,
            next: Next<I, E>,
            token: F,
            repeated: R,
        }
        let state = State {
            client,
            next: Next::Page(input),
            token,
            repeated,
        };
        let stream = futures_util::stream::unfold(state, move |mut state| async move {
            let input = match std::mem::replace(&mut state.next, Next::Done) {
                Next::Page(input) => input,
                Next::Fail(error) => return Some((Err(error), state)),
                Next::Done => return None,
            };
            match send(state.client.clone(), input.clone()).await {
                Err(error) => Some((Err(error), state)),
                Ok(page) => {
                    if let Some(next) = (state.token)(&page) {
                        match (state.repeated)(&next) {
                            Some(text) => {
                                state.next = Next::Fail(Error::RepeatedPageToken(text));
                            }
                            None => {
                                let mut input = input;
                                set_token(&mut input, next);
                                state.next = Next::Page(input);
                            }
                        }
                    }
                    Some((Ok(page), state))
                }
            }
        });
        Self {
            inner: Box::pin(stream),
        }
    }
    /// A stream whose one item is `error`.
    #[doc(hidden)]
    pub fn failed(error: Error<E>) -> Self {
        Self {
            inner: Box::pin(futures_util::stream::iter([Err(error)])),
        }
    }
    /// The items of every page, in order, by `items` of each page.
    #[doc(hidden)]
    pub fn flat_map_items<T: Send + 'static>(self, items: fn(O) -> Vec<T>) -> ItemStream<T, E> {
        use futures_util::StreamExt as _;
        let stream = self.flat_map(move |page| {
            let items: Vec<Result<T, Error<E>>> = match page {
                Ok(page) => items(page).into_iter().map(Ok).collect(),
                Err(error) => vec![Err(error)],
            };
            futures_util::stream::iter(items)
        });
        ItemStream {
            inner: Box::pin(stream),
        }
    }
}
/// The items of every page of a paginated operation, as a
/// [`Stream`](futures_core::Stream); a failed page shows as one error item, and the
/// stream ends after it.
#[cfg(feature = "client")]
pub struct ItemStream<T, E> {
    inner: std::pin::Pin<Box<dyn futures_core::Stream<Item = Result<T, Error<E>>> + Send>>,
}
#[cfg(feature = "client")]
impl<T, E> std::fmt::Debug for ItemStream<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ItemStream").finish_non_exhaustive()
    }
}
#[cfg(feature = "client")]
impl<O, E> PageStream<O, E> {
    /// The next page; `None` after the last. The same as `StreamExt::next`, without
    /// importing a stream trait.
    pub async fn next(&mut self) -> Option<Result<O, Error<E>>> {
        std::future::poll_fn(|cx| self.inner.as_mut().poll_next(cx)).await
    }

    /// Every page folded into the first with `merge(first, page)`, for a paginator's
    /// `full_result`; the first error ends it.
    #[doc(hidden)]
    pub async fn fold_pages(mut self, merge: fn(&mut O, O)) -> Result<O, Error<E>> {
        // A page stream yields its first page, or the error that kept it from coming, before
        // it ends: `new` starts with a request and `failed` holds an error.
        let mut full = self
            .next()
            .await
            .expect("a page stream yields a first page or an error")?;
        while let Some(page) = self.next().await {
            merge(&mut full, page?);
        }
        Ok(full)
    }
}
#[cfg(feature = "client")]
impl<T, E> ItemStream<T, E> {
    /// The next item; `None` after the last. The same as `StreamExt::next`, without
    /// importing a stream trait.
    pub async fn next(&mut self) -> Option<Result<T, Error<E>>> {
        std::future::poll_fn(|cx| self.inner.as_mut().poll_next(cx)).await
    }
}
#[cfg(feature = "client")]
impl<T, E> futures_core::Stream for ItemStream<T, E> {
    type Item = Result<T, Error<E>>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

#[cfg(all(test, feature = "client"))]
mod tests {
    use std::collections::HashMap;

    use futures_util::StreamExt as _;

    use super::*;

    /// A page: its items and the key of the next, as DynamoDB's `Query` returns them.
    #[derive(Debug, Clone, PartialEq)]
    struct Page {
        items: Vec<u32>,
        last_key: Option<HashMap<String, u32>>,
    }

    /// The input: the key to start after.
    #[derive(Debug, Clone, Default)]
    struct Input {
        start_key: Option<HashMap<String, u32>>,
    }

    fn key(at: u32) -> HashMap<String, u32> {
        HashMap::from([("at".to_owned(), at)])
    }

    /// Pages from `at` on: three items each, the next key until 6; past 6 the key goes back
    /// to 3, which a broken service might do.
    fn send(looping: bool, input: Input) -> crate::BoxFuture<'static, Result<Page, Error<()>>> {
        let at = input.start_key.map_or(0, |key| key["at"]);
        Box::pin(async move {
            let next = match at {
                0 | 3 => Some(key(at + 3)),
                6 if looping => Some(key(3)),
                _ => None,
            };
            Ok(Page {
                items: (at..at + 3).collect(),
                last_key: next,
            })
        })
    }

    fn pages(looping: bool) -> PageStream<Page, ()> {
        PageStream::with_token(
            looping,
            Input::default(),
            send,
            |page: &Page| page.last_key.clone(),
            |input: &mut Input, token| input.start_key = Some(token),
        )
    }

    #[tokio::test]
    async fn a_map_token_is_put_into_the_input_until_a_page_has_none() {
        let items: Vec<u32> = pages(false)
            .flat_map_items(|page| page.items)
            .collect::<Vec<_>>()
            .await
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(items, (0..9).collect::<Vec<_>>());
    }

    #[tokio::test]
    async fn a_map_token_seen_before_stops_the_pages() {
        let mut stream = pages(true);
        for _ in 0..3 {
            assert!(stream.next().await.unwrap().is_ok());
        }
        match stream.next().await {
            Some(Err(Error::RepeatedPageToken(token))) => {
                assert_eq!(token, r#"{"at": 3}"#);
            }
            other => panic!("expected a repeated token, got {other:?}"),
        }
        assert!(stream.next().await.is_none());
    }
}
