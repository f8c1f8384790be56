//! RESP2/RESP3 over bytes: replies out, requests in, replies back in for
//! tests and clients. No I/O, no clock, no threads: the native server and
//! the browser's "raw protocol" view share it.
//!
//! The reference is redis-server 7.0's networking.c; where Redis has a
//! quirk a client can observe (see [`request`]), it is reproduced, and the
//! error texts are Redis's own, checked against a real server.

pub mod decode;
pub mod encode;
pub mod request;

pub use decode::{decode_all, decode_bulks, decode_reply};
pub use encode::{encode, encode_to_vec, format_double};
pub use request::{
    split_args, string2ll, ProtocolError, RequestParser, DEFAULT_MAX_BULK_LEN, INLINE_MAX_SIZE,
    MAX_MULTIBULK_LEN,
};

/// Encode a command as a RESP multibulk request, the way clients send one.
pub fn encode_command<A: AsRef<[u8]>>(argv: &[A], out: &mut Vec<u8>) {
    out.push(b'*');
    out.extend_from_slice(argv.len().to_string().as_bytes());
    out.extend_from_slice(b"\r\n");
    for a in argv {
        let a = a.as_ref();
        out.push(b'$');
        out.extend_from_slice(a.len().to_string().as_bytes());
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(a);
        out.extend_from_slice(b"\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_commands_parse_back() {
        let argv: Vec<Vec<u8>> = vec![b"SET".to_vec(), b"k\r\n".to_vec(), Vec::new(), vec![0, 255]];
        let mut wire = Vec::new();
        encode_command(&argv, &mut wire);
        let mut p = RequestParser::new();
        p.feed(&wire);
        assert_eq!(p.next_command(), Some(Ok(argv)));
        assert_eq!(p.next_command(), None);
    }
}
