package extract

import "testing"

// TestNotEvents lists sentences that name countries, blocs and trigger words
// but state no bloc event.
func TestNotEvents(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "left a summit", in: "French President Emmanuel Macron left the EU summit early on Friday.", want: nil},
		{name: "joined a mission", in: "Italy joined the NATO mission in the Baltic on Monday.", want: nil},
		{name: "joined in criticism", in: "NATO members met. Britain joined in the criticism of the plan.", want: nil},
		{name: "joined another country", in: "BRICS leaders met. China joined Russia in calling for a ceasefire.", want: nil},
		{name: "invited to talks", in: "BRICS leaders met. Russia invited India to the talks in Moscow.", want: nil},
		{name: "invited to visit", in: "Xi invited Kazakhstan's president to visit Beijing, the ASEAN envoy said.", want: nil},
		{name: "added to a list", in: "The EU added Iran to its list of high-risk countries.", want: nil},
		{name: "suspended aid", in: "The EU suspended Niger's budget support after the coup.", want: nil},
		{name: "sanctions applied", in: "EU sanctions applied to Russia since 2014 were extended.", want: nil},
		{name: "a member already", in: "Turkey, a member of NATO since 1952, hosted the talks.", want: nil},
		{name: "cancelled a visit", in: "Chinese President Xi Jinping cancelled his visit to India.", want: nil},
		{name: "skipped the summit", in: "Chinese President Xi Jinping skipped the G20 summit in New Delhi.", want: nil},
		{name: "hopes to join", in: "Thailand hopes to join BRICS as soon as possible.", want: nil},
		{name: "wants to become a member", in: "Ukraine wants to become a member of NATO.", want: nil},
		{name: "a proposal to admit", in: "The proposal to admit Bosnia to the EU was discussed.", want: nil},
		{name: "newsletter junk", in: "Become a member\nGift membership\nJoin our community of readers\nSubscribe", want: nil},
		{name: "expressed a desire to join", pub: "2025-01-08", in: "Indonesia expressed its desire to join BRICS back in 2010.", want: nil},
		{name: "a seat on a council", in: "India wants to become a permanent member of the UN Security Council. Japan became a non-permanent member of the UN Security Council in 2023.", want: nil},
		{name: "urged not to join", in: "Moscow has urged Ukraine not to join NATO.", want: nil},
		{name: "received proposals", in: "Kazakhstan has received proposals to join BRICS.", want: nil},
	})
}
