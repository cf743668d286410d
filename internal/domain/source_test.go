package domain_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
)

func TestSourceValidate(t *testing.T) {
	ok := domain.Source{URL: "https://www.irna.ir/rss/tp/8", Name: "ایرنا", Interval: domain.DefaultSourceInterval}
	if err := ok.Validate(); err != nil {
		t.Fatalf("a good source: %v", err)
	}
	for _, tc := range []struct {
		change func(*domain.Source)
		field  domain.Field
		code   domain.Code
	}{
		{func(s *domain.Source) { s.URL = " " }, domain.FieldURL, domain.CodeURLMissing},
		{func(s *domain.Source) { s.URL = "ftp://example.ir/feed" }, domain.FieldURL, domain.CodeURLScheme},
		{func(s *domain.Source) { s.URL = "file:///etc/passwd" }, domain.FieldURL, domain.CodeURLInvalid},
		{func(s *domain.Source) { s.URL = "javascript:alert(1)" }, domain.FieldURL, domain.CodeURLInvalid},
		{func(s *domain.Source) { s.URL = "www.irna.ir/rss" }, domain.FieldURL, domain.CodeURLInvalid},
		{func(s *domain.Source) { s.URL = "https://user:pw@irna.ir/rss" }, domain.FieldURL, domain.CodeURLInvalid},
		{func(s *domain.Source) { s.URL = "https://irna.ir/" + strings.Repeat("a", domain.MaxURL) }, domain.FieldURL, domain.CodeURLTooLong},
		{func(s *domain.Source) { s.Name = strings.Repeat("ن", 201) }, domain.FieldName, domain.CodeNameTooLong},
		{func(s *domain.Source) { s.Province = strings.Repeat("ن", 201) }, domain.FieldProvince, domain.CodeProvinceTooLong},
		{func(s *domain.Source) { s.Organization = strings.Repeat("ن", 201) }, domain.FieldOrganization, domain.CodeTooLong},
		{func(s *domain.Source) { s.Interval = 4 * time.Minute }, domain.FieldInterval, domain.CodeIntervalRange},
		{func(s *domain.Source) { s.Interval = 25 * time.Hour }, domain.FieldInterval, domain.CodeIntervalRange},
	} {
		s := ok
		tc.change(&s)
		verr, _ := s.Validate().(domain.ValidationError)
		if fe, has := verr.Get(tc.field); !has || fe.Code != tc.code || len(verr) != 1 {
			t.Errorf("%+v: %v, want %s (%s)", s, verr, tc.field, tc.code)
		}
	}
	s := ok
	s.Interval = 0
	fe, _ := s.Validate().(domain.ValidationError).Get(domain.FieldInterval)
	if fe.Min != 5 || fe.Max != 1440 {
		t.Errorf("interval bounds %d..%d minutes, want 5..1440", fe.Min, fe.Max)
	}
}
