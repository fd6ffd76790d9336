//! Byte streams: the body of an operation whose payload is a `streaming` blob (Polly's audio,
//! Lambda's response stream, an upload), read or written chunk by chunk instead of held whole.
//!
//! A [`ByteStream`] is made from bytes, a file, an async [`Stream`] of chunks or (for the
//! blocking client) a [`std::io::Read`]. Bytes and files can be sent again when a call is
//! retried; a stream or a reader is read once, so a call that sends one is not retried after
//! its first attempt has started reading it.
//!
//! An output's stream is read with [`ByteStream::next`] (async) or [`ByteStream::next_blocking`],
//! collected whole with [`collect`](ByteStream::collect), or written to a file with
//! [`write_to`](ByteStream::write_to). It is also a [`Stream`] of `Result<Bytes, StreamError>`,
//! and [`into_reader`](ByteStream::into_reader) makes it an [`std::io::Read`].

use std::fmt;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll};

pub use bytes::Bytes;
pub use futures_core::Stream;

/// How much of a file or a reader one chunk holds.
const CHUNK: usize = 64 * 1024;

/// A failure while reading a [`ByteStream`]: the connection broke, a file could not be read,
/// or the stream that was given failed.
#[derive(Debug)]
pub struct StreamError {
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl StreamError {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            source: None,
        }
    }

    /// An error caused by `source`, with a message that says what was being read.
    pub fn with_source(
        message: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Self {
            message: format!("{}: {source}", message.into()),
            source: Some(Box::new(source)),
        }
    }
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for StreamError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl From<StreamError> for std::io::Error {
    fn from(error: StreamError) -> Self {
        std::io::Error::other(error)
    }
}

type BoxStream = Pin<Box<dyn Stream<Item = Result<Bytes, StreamError>> + Send>>;

/// A body read or written chunk by chunk: see the [module docs](self).
pub struct ByteStream {
    kind: Kind,
    /// The length in bytes, when known before reading.
    length: Option<u64>,
}

enum Kind {
    /// Whole in memory; `None` once yielded.
    Bytes(Option<Bytes>),
    /// A file, opened when first read.
    File {
        path: PathBuf,
        open: Option<std::fs::File>,
        left: u64,
    },
    Stream(BoxStream),
    Reader(Box<dyn std::io::Read + Send>),
}

impl ByteStream {
    /// An empty body.
    pub fn empty() -> Self {
        Self::from(Bytes::new())
    }

    /// The file at `path`, read chunk by chunk when sent; its length is taken now.
    pub fn from_path(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let metadata = std::fs::metadata(path).map_err(|e| {
            std::io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display()))
        })?;
        if !metadata.is_file() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("{} is not a file", path.display()),
            ));
        }
        Ok(Self {
            kind: Kind::File {
                path: path.to_owned(),
                open: None,
                left: metadata.len(),
            },
            length: Some(metadata.len()),
        })
    }

    /// The chunks of `stream`, read once; the length is unknown (see
    /// [`with_length`](Self::with_length)).
    pub fn from_stream<S, E>(stream: S) -> Self
    where
        S: Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
    {
        Self {
            kind: Kind::Stream(Box::pin(MapErr(Box::pin(stream)))),
            length: None,
        }
    }

    /// What `reader` reads, chunk by chunk and once; the length is unknown (see
    /// [`with_length`](Self::with_length)).
    pub fn from_reader(reader: impl std::io::Read + Send + 'static) -> Self {
        Self {
            kind: Kind::Reader(Box::new(reader)),
            length: None,
        }
    }

    /// States the length of a stream or reader, for operations that need a `Content-Length`.
    /// Sending fails if the body turns out shorter or longer.
    pub fn with_length(mut self, length: u64) -> Self {
        self.length = Some(length);
        self
    }

    /// The length in bytes, when known before reading: bytes and files, and streams given one.
    pub fn length(&self) -> Option<u64> {
        self.length
    }

    /// A copy to send again (on a retry), for bytes and files that have not been read yet;
    /// `None` for a stream or reader, which can be read only once.
    pub fn try_clone(&self) -> Option<Self> {
        let kind = match &self.kind {
            Kind::Bytes(bytes) => Kind::Bytes(bytes.clone()),
            Kind::File {
                path,
                open: None,
                left,
            } => Kind::File {
                path: path.clone(),
                open: None,
                left: *left,
            },
            Kind::File { open: Some(_), .. } | Kind::Stream(_) | Kind::Reader(_) => return None,
        };
        Some(Self {
            kind,
            length: self.length,
        })
    }

    /// The whole body, when it is bytes in memory (not yet read): no copy, no reading.
    pub fn as_bytes(&self) -> Option<&Bytes> {
        match &self.kind {
            Kind::Bytes(bytes) => bytes.as_ref(),
            _ => None,
        }
    }

    /// The hex SHA-256 of a file body not read yet, read once in chunks (for its signature);
    /// `None` for other bodies.
    #[cfg(feature = "client-base")]
    pub(crate) fn file_sha256(&self) -> Option<std::io::Result<String>> {
        use sha2::Digest as _;
        let Kind::File {
            path,
            open: None,
            left,
        } = &self.kind
        else {
            return None;
        };
        let hash = || -> std::io::Result<String> {
            let file = std::fs::File::open(path)?;
            let mut hasher = sha2::Sha256::new();
            let copied = std::io::copy(&mut file.take(*left), &mut hasher)?;
            if copied != *left {
                return Err(std::io::Error::other(format!(
                    "{} became shorter while it was being hashed",
                    path.display()
                )));
            }
            Ok(hasher
                .finalize()
                .iter()
                .map(|byte| format!("{byte:02x}"))
                .collect())
        };
        Some(hash().map_err(|e| {
            std::io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display()))
        }))
    }

    /// The next chunk, `None` at the end.
    ///
    /// A file or a reader is read on the calling thread.
    pub async fn next(&mut self) -> Option<Result<Bytes, StreamError>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The next chunk, `None` at the end, waiting on the calling thread: for bodies of the
    /// blocking client (a reader, bytes, a file). A body of the async client (a stream) must be
    /// read with [`next`](Self::next) inside its runtime.
    pub fn next_blocking(&mut self) -> Option<Result<Bytes, StreamError>> {
        match &mut self.kind {
            Kind::Stream(stream) => {
                block_on(std::future::poll_fn(|cx| stream.as_mut().poll_next(cx)))
            }
            _ => self.read_sync(),
        }
    }

    /// Reads the whole body into memory.
    pub async fn collect(mut self) -> Result<Bytes, StreamError> {
        let mut chunks = Chunks::default();
        while let Some(chunk) = self.next().await {
            chunks.push(chunk?);
        }
        Ok(chunks.finish())
    }

    /// [`collect`](Self::collect), on the calling thread (see [`next_blocking`](Self::next_blocking)).
    pub fn collect_blocking(mut self) -> Result<Bytes, StreamError> {
        let mut chunks = Chunks::default();
        while let Some(chunk) = self.next_blocking() {
            chunks.push(chunk?);
        }
        Ok(chunks.finish())
    }

    /// Writes the body to the file at `path` (created or truncated), chunk by chunk; returns
    /// how many bytes were written.
    pub async fn write_to(mut self, path: impl AsRef<Path>) -> Result<u64, StreamError> {
        let path = path.as_ref();
        let mut file = create(path)?;
        let mut written = 0;
        while let Some(chunk) = self.next().await {
            written += write_chunk(&mut file, path, &chunk?)?;
        }
        Ok(written)
    }

    /// [`write_to`](Self::write_to), on the calling thread (see
    /// [`next_blocking`](Self::next_blocking)).
    pub fn write_to_blocking(mut self, path: impl AsRef<Path>) -> Result<u64, StreamError> {
        let path = path.as_ref();
        let mut file = create(path)?;
        let mut written = 0;
        while let Some(chunk) = self.next_blocking() {
            written += write_chunk(&mut file, path, &chunk?)?;
        }
        Ok(written)
    }

    /// The body as an [`std::io::Read`], read with [`next_blocking`](Self::next_blocking).
    pub fn into_reader(self) -> impl std::io::Read + Send {
        Reader {
            stream: self,
            chunk: Bytes::new(),
        }
    }

    /// One chunk of a body that is not an async stream.
    fn read_sync(&mut self) -> Option<Result<Bytes, StreamError>> {
        match &mut self.kind {
            Kind::Bytes(bytes) => bytes.take().filter(|b| !b.is_empty()).map(Ok),
            Kind::File { path, open, left } => {
                if *left == 0 {
                    return None;
                }
                if open.is_none() {
                    match std::fs::File::open(&*path) {
                        Ok(file) => *open = Some(file),
                        Err(e) => {
                            *left = 0;
                            return Some(Err(StreamError::with_source(
                                format!("cannot open {}", path.display()),
                                e,
                            )));
                        }
                    }
                }
                let file = open.as_mut().expect("opened above");
                let want = CHUNK.min(usize::try_from(*left).unwrap_or(CHUNK));
                let mut buffer = vec![0; want];
                match file.read(&mut buffer) {
                    Ok(0) => {
                        let path = path.display().to_string();
                        *left = 0;
                        Some(Err(StreamError::new(format!(
                            "{path} became shorter while it was being sent"
                        ))))
                    }
                    Ok(n) => {
                        buffer.truncate(n);
                        *left -= n as u64;
                        Some(Ok(Bytes::from(buffer)))
                    }
                    Err(e) => {
                        *left = 0;
                        Some(Err(StreamError::with_source(
                            format!("cannot read {}", path.display()),
                            e,
                        )))
                    }
                }
            }
            Kind::Reader(reader) => {
                let mut buffer = vec![0; CHUNK];
                loop {
                    match reader.read(&mut buffer) {
                        Ok(0) => return None,
                        Ok(n) => {
                            buffer.truncate(n);
                            return Some(Ok(Bytes::from(buffer)));
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        Err(e) => {
                            return Some(Err(StreamError::with_source("cannot read the body", e)));
                        }
                    }
                }
            }
            Kind::Stream(_) => unreachable!("read_sync is not called for async streams"),
        }
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, StreamError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        match &mut this.kind {
            Kind::Stream(stream) => stream.as_mut().poll_next(cx),
            _ => Poll::Ready(this.read_sync()),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, None)
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match &self.kind {
            Kind::Bytes(_) => "bytes",
            Kind::File { .. } => "file",
            Kind::Stream(_) => "stream",
            Kind::Reader(_) => "reader",
        };
        f.debug_struct("ByteStream")
            .field("kind", &kind)
            .field("length", &self.length)
            .finish()
    }
}

/// Two bodies are equal when both are bytes in memory, not read yet, with the same content
/// (what tests compare: a parsed output against the one expected). A file, a stream or a
/// reader equals nothing, not even itself: its content is not known without reading it.
impl PartialEq for ByteStream {
    fn eq(&self, other: &Self) -> bool {
        match (&self.kind, &other.kind) {
            (Kind::Bytes(left), Kind::Bytes(right)) => left == right,
            _ => false,
        }
    }
}

impl Default for ByteStream {
    fn default() -> Self {
        Self::empty()
    }
}

impl From<Bytes> for ByteStream {
    fn from(bytes: Bytes) -> Self {
        Self {
            length: Some(bytes.len() as u64),
            kind: Kind::Bytes(Some(bytes)),
        }
    }
}

impl From<Vec<u8>> for ByteStream {
    fn from(bytes: Vec<u8>) -> Self {
        Self::from(Bytes::from(bytes))
    }
}

impl From<String> for ByteStream {
    fn from(text: String) -> Self {
        Self::from(Bytes::from(text))
    }
}

impl From<&'static [u8]> for ByteStream {
    fn from(bytes: &'static [u8]) -> Self {
        Self::from(Bytes::from_static(bytes))
    }
}

impl From<&'static str> for ByteStream {
    fn from(text: &'static str) -> Self {
        Self::from(Bytes::from_static(text.as_bytes()))
    }
}

/// Chunks gathered into one buffer (no copy when there is only one).
#[derive(Default)]
struct Chunks {
    first: Option<Bytes>,
    rest: Vec<u8>,
}

impl Chunks {
    fn push(&mut self, chunk: Bytes) {
        match self.first.take() {
            None if self.rest.is_empty() => self.first = Some(chunk),
            None => self.rest.extend_from_slice(&chunk),
            Some(first) => {
                self.rest.reserve(first.len() + chunk.len());
                self.rest.extend_from_slice(&first);
                self.rest.extend_from_slice(&chunk);
            }
        }
    }

    fn finish(self) -> Bytes {
        self.first.unwrap_or_else(|| Bytes::from(self.rest))
    }
}

fn create(path: &Path) -> Result<std::fs::File, StreamError> {
    std::fs::File::create(path)
        .map_err(|e| StreamError::with_source(format!("cannot create {}", path.display()), e))
}

fn write_chunk(file: &mut std::fs::File, path: &Path, chunk: &[u8]) -> Result<u64, StreamError> {
    use std::io::Write as _;
    file.write_all(chunk)
        .map_err(|e| StreamError::with_source(format!("cannot write {}", path.display()), e))?;
    Ok(chunk.len() as u64)
}

/// A given stream (boxed, so it need not be `Unpin`) with its errors made [`StreamError`]s.
struct MapErr<S>(Pin<Box<S>>);

impl<S, E> Stream for MapErr<S>
where
    S: Stream<Item = Result<Bytes, E>>,
    E: Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
{
    type Item = Result<Bytes, StreamError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx).map(|item| {
            item.map(|result| {
                result.map_err(|error| {
                    let error: Box<dyn std::error::Error + Send + Sync> = error.into();
                    StreamError {
                        message: format!("the body's stream failed: {error}"),
                        source: Some(error),
                    }
                })
            })
        })
    }
}

/// [`ByteStream::into_reader`]'s reader.
struct Reader {
    stream: ByteStream,
    chunk: Bytes,
}

impl std::io::Read for Reader {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        while self.chunk.is_empty() {
            match self.stream.next_blocking() {
                None => return Ok(0),
                Some(chunk) => self.chunk = chunk?,
            }
        }
        let n = buffer.len().min(self.chunk.len());
        buffer[..n].copy_from_slice(&self.chunk.split_to(n));
        Ok(n)
    }
}

/// A minimal executor: polls `future`, parking the thread until its waker is called.
pub(crate) fn block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::sync::Arc;
    use std::task::{Wake, Waker};
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
        fn wake_by_ref(self: &Arc<Self>) {
            self.0.unpark();
        }
    }
    let mut future = std::pin::pin!(future);
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut context = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut context) {
            Poll::Ready(output) => return output,
            Poll::Pending => std::thread::park(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str, content: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("bytestream-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        path
    }

    #[test]
    fn only_bytes_in_memory_compare_equal() {
        assert_eq!(ByteStream::from("abc"), ByteStream::from(b"abc".to_vec()));
        assert_ne!(ByteStream::from("abc"), ByteStream::from("abd"));
        assert_ne!(
            ByteStream::from_reader(std::io::empty()),
            ByteStream::from_reader(std::io::empty())
        );
    }

    #[test]
    fn bytes_come_whole_once_and_clone_for_a_retry() {
        let mut body = ByteStream::from(b"hello".to_vec());
        assert_eq!(body.length(), Some(5));
        let again = body.try_clone().unwrap();
        assert_eq!(body.next_blocking().unwrap().unwrap(), "hello");
        assert!(body.next_blocking().is_none());
        assert_eq!(again.collect_blocking().unwrap(), "hello");
        assert!(ByteStream::empty().next_blocking().is_none());
    }

    #[test]
    fn a_file_is_read_in_chunks_and_can_be_sent_again_until_read() {
        let content: Vec<u8> = (0..CHUNK * 2 + 10).map(|i| (i % 251) as u8).collect();
        let path = temp("chunks", &content);
        let mut body = ByteStream::from_path(&path).unwrap();
        assert_eq!(body.length(), Some(content.len() as u64));
        let copy = body.try_clone().expect("an unread file can be sent again");
        let sizes: Vec<usize> = std::iter::from_fn(|| body.next_blocking())
            .map(|chunk| chunk.unwrap().len())
            .collect();
        assert_eq!(sizes, [CHUNK, CHUNK, 10]);
        assert_eq!(copy.collect_blocking().unwrap(), content);
        let mut started = ByteStream::from_path(&path).unwrap();
        started.next_blocking().unwrap().unwrap();
        assert!(started.try_clone().is_none());
    }

    #[test]
    fn a_missing_path_or_a_folder_is_refused_with_its_name() {
        let error = ByteStream::from_path("/no/such/file").unwrap_err();
        assert!(error.to_string().contains("/no/such/file"), "{error}");
        let error = ByteStream::from_path(std::env::temp_dir()).unwrap_err();
        assert!(error.to_string().contains("is not a file"), "{error}");
    }

    #[test]
    fn a_reader_is_read_once_and_into_reader_gives_the_bytes_back() {
        let body = ByteStream::from_reader(std::io::Cursor::new(vec![7u8; 100_000]));
        assert!(body.try_clone().is_none());
        let mut out = Vec::new();
        body.into_reader().read_to_end(&mut out).unwrap();
        assert_eq!(out, vec![7u8; 100_000]);
    }

    #[test]
    fn a_stream_is_polled_and_its_error_says_what_failed() {
        struct Two(u8);
        impl Stream for Two {
            type Item = Result<Bytes, std::io::Error>;
            fn poll_next(
                mut self: Pin<&mut Self>,
                _: &mut Context<'_>,
            ) -> Poll<Option<Self::Item>> {
                self.0 += 1;
                Poll::Ready(match self.0 {
                    1 => Some(Ok(Bytes::from_static(b"ab"))),
                    2 => Some(Ok(Bytes::from_static(b"cd"))),
                    3 => Some(Err(std::io::Error::other("connection reset"))),
                    _ => None,
                })
            }
        }
        let mut body = ByteStream::from_stream(Two(0));
        assert_eq!(body.length(), None);
        assert_eq!(body.next_blocking().unwrap().unwrap(), "ab");
        assert_eq!(block_on(body.next()).unwrap().unwrap(), "cd");
        let error = body.next_blocking().unwrap().unwrap_err();
        assert!(error.to_string().contains("connection reset"), "{error}");
        let error = block_on(ByteStream::from_stream(Two(0)).collect()).unwrap_err();
        assert!(error.to_string().contains("connection reset"), "{error}");
    }

    #[test]
    fn write_to_writes_every_chunk() {
        let content: Vec<u8> = (0..CHUNK + 5).map(|i| (i % 7) as u8).collect();
        let source = temp("source", &content);
        let target = source.with_file_name("target");
        let written = block_on(ByteStream::from_path(&source).unwrap().write_to(&target)).unwrap();
        assert_eq!(written, content.len() as u64);
        assert_eq!(std::fs::read(&target).unwrap(), content);
        let written = ByteStream::from("xyz").write_to_blocking(&target).unwrap();
        assert_eq!(
            (written, std::fs::read(&target).unwrap()),
            (3, b"xyz".to_vec())
        );
    }

    #[test]
    fn a_file_that_shrinks_while_sent_is_an_error() {
        let path = temp("shrinks", &[1; 10]);
        let mut body = ByteStream::from_path(&path).unwrap();
        std::fs::write(&path, [1; 4]).unwrap();
        assert_eq!(body.next_blocking().unwrap().unwrap().len(), 4);
        let error = body.next_blocking().unwrap().unwrap_err();
        assert!(error.to_string().contains("became shorter"), "{error}");
        assert!(body.next_blocking().is_none());
    }
}
