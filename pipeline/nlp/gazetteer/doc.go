// Package gazetteer resolves mentions of Kaltim leaders, regions and
// institutions to canonical entities with their roles. The list is a YAML
// file analysts can edit (kaltim.yaml is embedded as the default; Load reads
// an override). An entry matches by any of its aliases ("Pj Gubernur Akmal
// Malik", "Akmal Malik", "Akmal") and, in context, by a bare role word
// ("Gubernur") that refers to the office holder.
package gazetteer
