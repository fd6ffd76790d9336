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
/// How a paginator sends the call for one page.
pub type SendPage<C, I, O, E> = fn(C, I) -> crate::BoxFuture<'static, Result<O, Error<E>>>;
/// The pages of a paginated operation, as a [`Stream`](futures_core::Stream): it
/// ends after the page without a next token, or with
/// [`Error::RepeatedPageToken`] after a page whose token was seen before.
pub struct PageStream<O, E> {
    inner: std::pin::Pin<Box<dyn futures_core::Stream<Item = Result<O, Error<E>>> + Send>>,
}
impl<O, E> std::fmt::Debug for PageStream<O, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageStream").finish_non_exhaustive()
    }
}
impl<O, E> futures_core::Stream for PageStream<O, E> {
    type Item = Result<O, Error<E>>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}
impl<O: Send + 'static, E: Send + 'static> PageStream<O, E> {
    /// Calls `send` for the first page and then for every next token of `token`,
    /// set on the input by `set_token`.
    #[doc(hidden)]
    pub fn new<C: Clone + Send + 'static, I: Clone + Send + 'static>(
        client: C,
        input: I,
        send: SendPage<C, I, O, E>,
        token: fn(&O) -> Option<&str>,
        set_token: fn(&mut I, String),
    ) -> Self {
        enum Next<I, E> {
            Page(I),
            Fail(Error<E>),
            Done,
        }
        struct State<C, I, E> {
            client: C,
            next: Next<I, E>,
            seen: std::collections::HashSet<String>,
        }
        let state = State {
            client,
            next: Next::Page(input),
            seen: std::collections::HashSet::new(),
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
                    match token(&page).filter(|token| !token.is_empty()) {
                        None => {}
                        Some(token) if !state.seen.insert(token.to_owned()) => {
                            state.next = Next::Fail(Error::RepeatedPageToken(token.to_owned()));
                        }
                        Some(token) => {
                            let mut input = input;
                            set_token(&mut input, token.to_owned());
                            state.next = Next::Page(input);
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
pub struct ItemStream<T, E> {
    inner: std::pin::Pin<Box<dyn futures_core::Stream<Item = Result<T, Error<E>>> + Send>>,
}
impl<T, E> std::fmt::Debug for ItemStream<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ItemStream").finish_non_exhaustive()
    }
}
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
impl<T, E> ItemStream<T, E> {
    /// The next item; `None` after the last. The same as `StreamExt::next`, without
    /// importing a stream trait.
    pub async fn next(&mut self) -> Option<Result<T, Error<E>>> {
        std::future::poll_fn(|cx| self.inner.as_mut().poll_next(cx)).await
    }
}
impl<T, E> futures_core::Stream for ItemStream<T, E> {
    type Item = Result<T, Error<E>>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}
