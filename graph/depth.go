package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// depthLimit rejects operations whose selections nest deeper than max,
// before anything executes. Introspection fields (__schema, __type) do not
// count: GraphiQL's introspection query nests deeply by design.
type depthLimit struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit{}

func (depthLimit) ExtensionName() string                   { return "DepthLimit" }
func (depthLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (d depthLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if n := depth(oc.Operation.SelectionSet, oc.Doc.Fragments, 0, d.max); n > d.max {
		err := gqlerror.Errorf("The query nests more than %d levels deep; the limit is %d.", d.max, d.max)
		err.Extensions = map[string]any{"code": "DEPTH_LIMIT_EXCEEDED"}
		return err
	}
	return nil
}

// depth returns the nesting depth of set, stopping once it passes limit so
// that fragment cycles (rejected by validation anyway) cannot loop.
func depth(set ast.SelectionSet, frags ast.FragmentDefinitionList, at, limit int) int {
	if at > limit {
		return at
	}
	deepest := at
	for _, sel := range set {
		var n int
		switch s := sel.(type) {
		case *ast.Field:
			if len(s.Name) > 1 && s.Name[:2] == "__" {
				continue
			}
			n = depth(s.SelectionSet, frags, at+1, limit)
		case *ast.InlineFragment:
			n = depth(s.SelectionSet, frags, at, limit)
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil {
				n = depth(f.SelectionSet, frags, at, limit)
			}
		}
		deepest = max(deepest, n)
	}
	return deepest
}
