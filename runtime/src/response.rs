//! Reading error responses whose body is JSON (awsJson and restJson): the error code, the
//! message and the request id, and the body as the modelled error.

use http::HeaderMap;

use crate::error::{InvalidResponseError, UnhandledError, sanitize_error_code};
use crate::json::{DeserializeAs, from_body};

/// Where a JSON protocol reads an error's code from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ErrorCodeRules {
    /// The service is `awsQueryCompatible`: an `x-amzn-query-error` header (`Code;Fault`)
    /// names the code the service's awsQuery form used, and wins over the others.
    pub query_compatible: bool,
}

/// What an error response says: its code, message and request id, and its body.
#[derive(Debug)]
pub struct JsonErrorResponse<'a> {
    status: u16,
    code: Option<String>,
    /// The code without `x-amzn-query-error`: the error shape's name, botocore's
    /// `QueryErrorCode` when the header was there.
    shape_code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    body: &'a [u8],
}

impl<'a> JsonErrorResponse<'a> {
    /// Reads the code from `x-amzn-query-error` (query-compatible services only; the code
    /// boto3 reports), else `X-Amzn-ErrorType`, else the body's `code`, else its `__type`,
    /// sanitized, and keeps the latter too for [`modelled_code`](Self::modelled_code); the message
    /// from `message`, `Message` or `errorMessage`; the request id from `x-amzn-requestid`.
    ///
    /// # Errors
    ///
    /// A body that is neither empty nor a JSON object.
    pub fn read(
        status: u16,
        headers: &HeaderMap,
        body: &'a [u8],
        rules: ErrorCodeRules,
    ) -> Result<Self, InvalidResponseError> {
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let fields: serde_json::Map<String, serde_json::Value> = if is_blank(body) {
            serde_json::Map::new()
        } else {
            serde_json::from_slice(body)
                .map_err(|e| InvalidResponseError::new(status, e.to_string(), body))?
        };
        let text = |key: &str| fields.get(key).and_then(serde_json::Value::as_str);
        let query_code = rules
            .query_compatible
            .then(|| header("x-amzn-query-error"))
            .flatten()
            .and_then(|value| value.split(';').next())
            .filter(|code| !code.is_empty());
        let sanitized = |code: &str| Some(sanitize_error_code(code).to_owned());
        let shape_code = header("x-amzn-errortype")
            .or_else(|| text("code"))
            .or_else(|| text("__type"))
            .and_then(sanitized)
            .filter(|code| !code.is_empty());
        let code = query_code
            .and_then(sanitized)
            .filter(|code| !code.is_empty())
            .or_else(|| shape_code.clone());
        let message = ["message", "Message", "errorMessage"]
            .into_iter()
            .find_map(text)
            .map(str::to_owned);
        Ok(Self {
            status,
            code,
            shape_code,
            message,
            request_id: header("x-amzn-requestid").map(str::to_owned),
            body,
        })
    }

    /// The sanitized error code.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The code to find the modelled error by, given the codes the operation's errors have
    /// (`known`): [`code`](Self::code) when it is one of them, else the code the response
    /// gives without `x-amzn-query-error` (the error shape's name, in `X-Amzn-ErrorType` or
    /// `__type`) when that is one. SQS's model gives its errors no awsQuery code, so
    /// `AWS.SimpleQueueService.NonExistentQueue;Sender` names none of them; botocore then
    /// picks the exception by the shape name `QueueDoesNotExist` (its `QueryErrorCode`).
    pub fn modelled_code(&self, known: &[&str]) -> Option<&str> {
        let is_known = |code: &&str| known.contains(code);
        self.code()
            .filter(is_known)
            .or_else(|| self.shape_code.as_deref().filter(is_known))
            .or_else(|| self.code())
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The body as the modelled error `T`, read through the adapter `A`.
    ///
    /// # Errors
    ///
    /// A body that does not hold a `T`.
    pub fn parse<A, T>(&self) -> Result<T, InvalidResponseError>
    where
        A: for<'de> DeserializeAs<'de, T>,
    {
        from_body::<A, T>(self.status, self.body)
    }

    /// The error as one the model does not list.
    pub fn into_unhandled(self) -> UnhandledError {
        UnhandledError::new(self.code, self.message, self.status, self.request_id)
    }
}

/// Whether a body is empty or only whitespace, which JSON protocols read as `{}`.
pub(crate) fn is_blank(body: &[u8]) -> bool {
    body.iter().all(u8::is_ascii_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(
        headers: &[(&'static str, &'static str)],
        body: &'static str,
    ) -> JsonErrorResponse<'static> {
        read_with(headers, body, ErrorCodeRules::default())
    }

    fn read_with(
        headers: &[(&'static str, &'static str)],
        body: &'static str,
        rules: ErrorCodeRules,
    ) -> JsonErrorResponse<'static> {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, value.parse().unwrap());
        }
        JsonErrorResponse::read(400, &map, body.as_bytes(), rules).unwrap()
    }

    #[test]
    fn the_code_comes_from_the_header_then_code_then_type() {
        let body = r#"{"code": "FromCode", "__type": "FromType"}"#;
        assert_eq!(
            read(&[("x-amzn-errortype", "FromHeader:http://x/")], body).code(),
            Some("FromHeader")
        );
        assert_eq!(read(&[], body).code(), Some("FromCode"));
        assert_eq!(
            read(&[], r#"{"__type": "aws.protocoltests#FromType"}"#).code(),
            Some("FromType")
        );
        assert_eq!(read(&[], "").code(), None);
    }

    #[test]
    fn query_compatible_services_take_the_query_error_header_first() {
        let headers = [(
            "x-amzn-query-error",
            "AWS.SimpleQueueService.NonExistentQueue;Sender",
        )];
        let body = r#"{"__type": "com.amazonaws.sqs#QueueDoesNotExist"}"#;
        let rules = ErrorCodeRules {
            query_compatible: true,
        };
        assert_eq!(
            read_with(&headers, body, rules).code(),
            Some("AWS.SimpleQueueService.NonExistentQueue")
        );
        assert_eq!(read(&headers, body).code(), Some("QueueDoesNotExist"));
    }

    #[test]
    fn a_query_code_no_error_has_falls_back_to_the_shape_name() {
        let headers = [
            (
                "x-amzn-query-error",
                "AWS.SimpleQueueService.NonExistentQueue;Sender",
            ),
            ("x-amzn-errortype", "com.amazonaws.sqs#QueueDoesNotExist"),
        ];
        let body = r#"{"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "gone"}"#;
        let rules = ErrorCodeRules {
            query_compatible: true,
        };
        let error = read_with(&headers, body, rules);
        // SQS's errors have no awsQuery code in the model: the shape name finds the error.
        assert_eq!(
            error.modelled_code(&["OverLimit", "QueueDoesNotExist"]),
            Some("QueueDoesNotExist")
        );
        // A service whose model has the query code finds the error by it.
        assert_eq!(
            error.modelled_code(&[
                "AWS.SimpleQueueService.NonExistentQueue",
                "QueueDoesNotExist"
            ]),
            Some("AWS.SimpleQueueService.NonExistentQueue")
        );
        // Neither is known: the error stays unhandled, with boto3's `Error.Code`.
        assert_eq!(
            error.modelled_code(&["OverLimit"]),
            Some("AWS.SimpleQueueService.NonExistentQueue")
        );
        assert_eq!(
            error.into_unhandled().code(),
            Some("AWS.SimpleQueueService.NonExistentQueue")
        );
    }

    #[test]
    fn the_message_and_request_id_are_kept_for_unhandled_errors() {
        let error = read(
            &[("x-amzn-requestid", "req-1")],
            r#"{"__type": "Nope", "Message": "no"}"#,
        )
        .into_unhandled();
        assert_eq!(error.code(), Some("Nope"));
        assert_eq!(error.message(), Some("no"));
        assert_eq!(error.request_id(), Some("req-1"));
        assert_eq!(error.status(), 400);
    }

    #[test]
    fn a_body_that_is_not_an_object_is_an_invalid_response() {
        let error =
            JsonErrorResponse::read(500, &HeaderMap::new(), b"<html>", ErrorCodeRules::default())
                .unwrap_err();
        assert_eq!(error.status(), 500);
        assert_eq!(error.excerpt(), "<html>");
    }
}
