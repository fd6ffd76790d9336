//! Request compression (Smithy's `requestCompression` trait): a body at least as large as
//! the minimum size is sent gzip-compressed, with `gzip` appended to `Content-Encoding`.

use std::io::Write as _;

use http::header::{CONTENT_ENCODING, HeaderValue};

/// The smallest body compressed unless configured otherwise: botocore's default
/// `request_min_compression_size_bytes`.
pub const DEFAULT_MIN_SIZE: usize = 10_240;

/// Compresses `request`'s body with gzip when it holds at least `min_size` bytes, and appends
/// `gzip` to its `Content-Encoding` (after any encoding already there).
pub fn gzip_if_large(request: &mut http::Request<Vec<u8>>, min_size: usize) {
    if request.body().len() < min_size {
        return;
    }
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(request.body().len() / 2),
        flate2::Compression::default(),
    );
    // Writing into a Vec cannot fail.
    encoder
        .write_all(request.body())
        .expect("writing into memory cannot fail");
    let compressed = encoder.finish().expect("writing into memory cannot fail");
    *request.body_mut() = compressed;
    let headers = request.headers_mut();
    let encoding = match headers
        .get(CONTENT_ENCODING)
        .and_then(|value| value.to_str().ok())
    {
        Some(existing) if !existing.trim().is_empty() => {
            HeaderValue::from_str(&format!("{existing}, gzip"))
                .unwrap_or(HeaderValue::from_static("gzip"))
        }
        _ => HeaderValue::from_static("gzip"),
    };
    headers.insert(CONTENT_ENCODING, encoding);
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    fn request(body: &[u8], encoding: Option<&'static str>) -> http::Request<Vec<u8>> {
        let mut request = http::Request::new(body.to_vec());
        if let Some(encoding) = encoding {
            request
                .headers_mut()
                .insert(CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        request
    }

    #[test]
    fn small_bodies_are_sent_as_they_are() {
        let mut small = request(b"{}", None);
        gzip_if_large(&mut small, DEFAULT_MIN_SIZE);
        assert_eq!(small.body(), b"{}");
        assert!(small.headers().get(CONTENT_ENCODING).is_none());
    }

    #[test]
    fn large_bodies_are_gzipped_and_say_so() {
        let body = vec![b'a'; DEFAULT_MIN_SIZE];
        let mut large = request(&body, None);
        gzip_if_large(&mut large, DEFAULT_MIN_SIZE);
        assert_eq!(large.headers()[CONTENT_ENCODING], "gzip");
        let mut decoded = Vec::new();
        flate2::read::GzDecoder::new(large.body().as_slice())
            .read_to_end(&mut decoded)
            .unwrap();
        assert_eq!(decoded, body);
    }

    #[test]
    fn gzip_is_appended_to_an_encoding_already_set() {
        let mut custom = request(b"0123456789", Some("custom"));
        gzip_if_large(&mut custom, 10);
        assert_eq!(custom.headers()[CONTENT_ENCODING], "custom, gzip");
    }
}
