package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

// The article form is sent as multipart, so that its 2 MB limit is 2 MB of
// text: URL-encoded, each Persian letter took six bytes and the form's real
// limit was about 1.1 MB. The form says the limit.
func TestArticleFormTakesTwoMegabytesOfPersian(t *testing.T) {
	a := newApp(t)
	_, page := a.get("/articles/new")
	if enc, _ := page.Find(`form[data-testid="article-form"]`).Attr("enctype"); enc != "multipart/form-data" {
		t.Errorf("the article form's enctype is %q", enc)
	}
	if hint := page.Find(`[data-testid="text-limit"]`).Text(); !strings.Contains(hint, "۲ مگابایت") {
		t.Errorf("the form does not say its limit: %q", hint)
	}
	sentence := "۱۴۰۳/۰۲/۲۰\nنشست خبری مدیرکل روابط عمومی استانداری همدان ۲۵ اردیبهشت برگزار می‌شود.\n"
	text := strings.Repeat(sentence, (1900<<10)/len(sentence)) // 1.9 MB of UTF-8, mostly Persian
	post := func(text string) *http.Response {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		for k, v := range map[string]string{"_csrf": a.csrf(), "text": text, "title": "خبر بلند", "no_date": "1"} {
			w.WriteField(k, v)
		}
		w.Close()
		resp, _ := a.read(a.http.Post(a.srv.URL+"/articles", w.FormDataContentType(), &body))
		return resp
	}
	if resp := post(text); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a 1.9 MB article: status %d, want 303", resp.StatusCode)
	}
	n := articles(a)
	if resp := post(strings.Repeat("ب", 1100<<10)); resp.StatusCode != http.StatusUnprocessableEntity && resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 2.2 MB article: status %d, want 422 or 413", resp.StatusCode)
	}
	if articles(a) != n {
		t.Error("an article over the limit was stored")
	}
}

func articles(a *app) int {
	n, err := a.db.CountArticles(context.Background())
	if err != nil {
		a.t.Fatal(err)
	}
	return n
}
