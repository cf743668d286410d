package domain

import (
	"strings"
	"testing"
)

func TestSpan(t *testing.T) {
	text := "هفته دولت"
	for _, tt := range []struct {
		s        Span
		zero, in bool
	}{
		{Span{}, true, false},
		{Span{0, len(text)}, false, true},
		{Span{2, 4}, false, true},
		{Span{3, 3}, true, false},
		{Span{4, 2}, false, false},
		{Span{-1, 2}, false, false},
		{Span{0, len(text) + 1}, false, false},
	} {
		if tt.s.IsZero() != tt.zero || tt.s.In(text) != tt.in {
			t.Errorf("%+v: IsZero %v, In %v; want %v, %v", tt.s, tt.s.IsZero(), tt.s.In(text), tt.zero, tt.in)
		}
	}
}

func TestArticleOccasionValidate(t *testing.T) {
	text := "آیین افتتاح در هفته دولت برگزار شد."
	at := strings.Index(text, "هفته دولت")
	valid := ArticleOccasion{Occasion: "government-week", Name: "هفته دولت", Start: d(1403, 6, 2), End: d(1403, 6, 8),
		EvidenceStart: at, EvidenceEnd: at + len("هفته دولت"), Confidence: 0.9}
	check := func(o ArticleOccasion) error { return o.Validate(text) }
	runEditCases(t, valid, check, []editCase[ArticleOccasion]{
		{"valid", func(o *ArticleOccasion) {}, nil},
		{"one day", func(o *ArticleOccasion) { o.End = o.Start }, nil},
		{"no key", func(o *ArticleOccasion) { o.Occasion = " " }, one(FieldOccasion, CodeOccasionKeyMissing)},
		{"ends before it starts", func(o *ArticleOccasion) { o.End = o.Start.AddDays(-1) },
			one(FieldStart, CodeOccasionDays)},
		{"evidence past the text", func(o *ArticleOccasion) { o.EvidenceEnd = len(text) + 1 },
			one(FieldEvidence, CodeEvidenceOutside)},
		{"no evidence", func(o *ArticleOccasion) { o.EvidenceEnd = o.EvidenceStart },
			one(FieldEvidence, CodeEvidenceOutside)},
		{"confidence above 1", func(o *ArticleOccasion) { o.Confidence = 1.5 },
			one(FieldConfidence, CodeConfidenceRange)},
	})
}

func TestArticlePublishedFrom(t *testing.T) {
	text := "۱۴۰۳/۰۶/۰۳\nمتن خبر"
	line := Span{0, strings.Index(text, "\n")}
	for _, tt := range []struct {
		name string
		a    Article
		ok   bool
	}{
		{"read from its dateline", Article{Text: text, Published: d(1403, 6, 3), PublishedFrom: line}, true},
		{"given", Article{Text: text, Published: d(1403, 6, 3)}, true},
		{"a dateline but no date", Article{Text: text, PublishedFrom: line}, false},
		{"a dateline past the text", Article{Text: text, Published: d(1403, 6, 3), PublishedFrom: Span{5, len(text) + 1}}, false},
	} {
		err := tt.a.Validate()
		if v, _ := err.(ValidationError); (err == nil) != tt.ok || !tt.ok && !v.Has(FieldPublished) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}
