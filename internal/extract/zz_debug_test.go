package extract

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/entente/entente/internal/entente"
)

func TestZZDump(t *testing.T) {
	path := os.Getenv("DUMP")
	if path == "" {
		t.Skip()
	}
	var c struct {
		ID, Published, Text string
	}
	b, _ := os.ReadFile(path)
	json.Unmarshal(b, &c)
	x, _ := New()
	d := newDoc(x, Input{ID: c.ID, Published: entente.MustParseDate(c.Published), Text: c.Text})
	d.run(context.Background())
	for i := range d.sents {
		st := d.newSent(i)
		fmt.Println(i, st.shadow)
	}
	for _, p := range d.porder {
		fmt.Printf("person %q %v merged=%v\n", p.name, p.offices, p.merged != nil)
	}
	for _, c := range d.claims {
		fmt.Println(c.c.Type, c.c.Subject.ID, c.c.Bloc, c.c.Role, c.c.Date, c.explicit, c.sent)
	}
}
