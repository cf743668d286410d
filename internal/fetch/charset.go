package fetch

import (
	"bytes"
	"mime"
	"regexp"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// Iranian sites serve UTF-8 or windows-1256. Text is decoded to UTF-8 and
// left as written: Arabic ي and ك stay (the miner normalizes them).

// decodeHTML returns an HTML body as UTF-8: in the encoding of its byte
// order mark, its Content-Type charset or its meta charset; otherwise UTF-8
// when it is valid UTF-8, else windows-1256 (HTML's own last resort,
// windows-1252, would turn a Persian page into Latin letters).
func decodeHTML(body []byte, contentType string) []byte {
	e, name, certain := charset.DetermineEncoding(body, contentType)
	if !certain && name == "windows-1252" {
		e = guessEncoding(body)
	}
	return decode(body, e)
}

// guessEncoding is UTF-8 when body is valid UTF-8, else windows-1256.
func guessEncoding(body []byte) encoding.Encoding {
	if utf8.Valid(body) {
		return encoding.Nop
	}
	return charmap.Windows1256
}

func decode(body []byte, e encoding.Encoding) []byte {
	if e == nil || e == encoding.Nop {
		return body
	}
	out, err := e.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return out
}

// xmlEncoding finds the encoding an XML declaration names.
var xmlEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// decodeFeed returns a feed body the XML parser reads right. A feed whose
// XML declaration names its encoding is left to the parser, which decodes
// it. Otherwise the body is decoded here, from the Content-Type's charset,
// or as UTF-8 when it is valid UTF-8, else as windows-1256.
func decodeFeed(body []byte, contentType string) []byte {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	if xmlEncoding.Match(body) {
		return body
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		if e, _ := charset.Lookup(params["charset"]); e != nil {
			return decode(body, e)
		}
	}
	return decode(body, guessEncoding(body))
}
