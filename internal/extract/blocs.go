package extract

// bloc is one bloc the extractor knows: its id (the contract's upper-case
// acronym, or its English name when it has none), its canonical name and
// the other names news uses for it.
type bloc struct {
	ID      string
	Name    string
	Aliases []string // matched when capitalised, or exactly when an acronym
	Lower   []string // also matched in lower case
}

// blocs is curated by hand: every bloc of shared/contract/extract.md and the
// other membership organisations news reports on.
var blocs = []bloc{
	{ID: "BRICS", Name: "BRICS", Aliases: []string{"BRICS+", "BRICS Plus", "Brics"}},
	{ID: "NATO", Name: "NATO", Aliases: []string{"Nato", "N.A.T.O.", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation", "North Atlantic Alliance", "Atlantic Alliance"}},
	// The EEC and the European Community are the EU's predecessors: news
	// counts membership from them ("joined the EEC in 1973").
	{ID: "EU", Name: "European Union", Aliases: []string{"E.U.", "European Union", "European Commission", "European Council", "European Economic Community", "EEC", "European Community", "European Communities"}},
	{ID: "SCO", Name: "Shanghai Cooperation Organisation", Aliases: []string{"Shanghai Cooperation Organization", "Shanghai Co-operation Organisation", "Shanghai Pact"}},
	{ID: "ASEAN", Name: "Association of Southeast Asian Nations", Aliases: []string{"Asean", "Association of South East Asian Nations", "Association of South-East Asian Nations"}},
	{ID: "AU", Name: "African Union", Aliases: []string{"A.U."}},
	{ID: "G7", Name: "G7", Aliases: []string{"G-7", "Group of Seven", "Group of 7"}},
	{ID: "G20", Name: "G20", Aliases: []string{"G-20", "Group of 20", "Group of Twenty"}},
	{ID: "OPEC", Name: "OPEC", Aliases: []string{"Opec", "Organization of the Petroleum Exporting Countries", "Organisation of the Petroleum Exporting Countries"}},
	{ID: "OPEC+", Name: "OPEC+", Aliases: []string{"OPEC Plus", "Opec+", "Opec Plus"}},
	{ID: "ECOWAS", Name: "Economic Community of West African States", Aliases: []string{"Ecowas", "CEDEAO"}},
	{ID: "AES", Name: "Alliance of Sahel States", Aliases: []string{"Confederation of Sahel States", "Sahel States Alliance", "Alliance des Etats du Sahel"}},
	{ID: "EAEU", Name: "Eurasian Economic Union", Aliases: []string{"EEU", "EAEU", "Eurasian Union"}},
	{ID: "CSTO", Name: "Collective Security Treaty Organization", Aliases: []string{"Collective Security Treaty Organisation", "Collective Security Organization", "Collective Security Organisation"}},
	{ID: "CIS", Name: "Commonwealth of Independent States"},
	{ID: "GCC", Name: "Gulf Cooperation Council", Aliases: []string{"Gulf Co-operation Council", "Cooperation Council for the Arab States of the Gulf"}},
	{ID: "MERCOSUR", Name: "Mercosur", Aliases: []string{"Mercosul", "Southern Common Market"}},
	{ID: "OAS", Name: "Organization of American States", Aliases: []string{"Organisation of American States"}},
	{ID: "COE", Name: "Council of Europe", Aliases: []string{"CoE"}},
	{ID: "CPTPP", Name: "Comprehensive and Progressive Agreement for Trans-Pacific Partnership", Aliases: []string{"Comprehensive and Progressive Trans-Pacific Partnership", "Trans-Pacific Partnership", "TPP", "TPP-11"}},
	{ID: "OECD", Name: "Organisation for Economic Co-operation and Development", Aliases: []string{"Organization for Economic Cooperation and Development", "Organisation for Economic Cooperation and Development", "Organization for Economic Co-operation and Development"}},
	{ID: "SCHENGEN", Name: "Schengen Area", Aliases: []string{"Schengen", "Schengen zone", "Schengen Zone", "Schengen area"}},
	{ID: "EUROZONE", Name: "Eurozone", Aliases: []string{"Euro Area", "Euro Zone"}, Lower: []string{"eurozone", "euro area", "euro zone"}},
	{ID: "WTO", Name: "World Trade Organization", Aliases: []string{"World Trade Organisation"}},
	{ID: "UN", Name: "United Nations", Aliases: []string{"U.N."}},
	{ID: "COMMONWEALTH", Name: "Commonwealth of Nations", Aliases: []string{"Commonwealth"}},
	{ID: "APEC", Name: "Asia-Pacific Economic Cooperation"},
	{ID: "SADC", Name: "Southern African Development Community"},
	{ID: "EAC", Name: "East African Community"},
	{ID: "CARICOM", Name: "Caribbean Community", Aliases: []string{"Caricom"}},
	{ID: "CELAC", Name: "Community of Latin American and Caribbean States"},
	{ID: "OIC", Name: "Organisation of Islamic Cooperation", Aliases: []string{"Organization of Islamic Cooperation"}},
	{ID: "ARAB LEAGUE", Name: "Arab League", Aliases: []string{"League of Arab States"}},
	{ID: "IGAD", Name: "Intergovernmental Authority on Development"},
	{ID: "NDB", Name: "New Development Bank", Aliases: []string{"BRICS Bank", "BRICS bank"}},
	{ID: "AIIB", Name: "Asian Infrastructure Investment Bank"},
	{ID: "QUAD", Name: "Quad", Aliases: []string{"Quadrilateral Security Dialogue"}},
	{ID: "AUKUS", Name: "AUKUS"},
	{ID: "PIF", Name: "Pacific Islands Forum"},
	{ID: "G5 SAHEL", Name: "G5 Sahel", Aliases: []string{"G5 Sahel force", "G-5 Sahel"}},
	{ID: "RCEP", Name: "Regional Comprehensive Economic Partnership"},
	{ID: "SAARC", Name: "South Asian Association for Regional Cooperation"},
	{ID: "EFTA", Name: "European Free Trade Association"},
	{ID: "EEA", Name: "European Economic Area"},
	{ID: "IMF", Name: "International Monetary Fund"},
	{ID: "OAU", Name: "Organisation of African Unity", Aliases: []string{"Organization of African Unity"}},
	{ID: "OSCE", Name: "Organization for Security and Co-operation in Europe", Aliases: []string{"Organisation for Security and Co-operation in Europe", "Organization for Security and Cooperation in Europe"}},
	{ID: "ECCAS", Name: "Economic Community of Central African States", Aliases: []string{"CEEAC"}},
	{ID: "PACIFIC ALLIANCE", Name: "Pacific Alliance"},
	{ID: "ALBA", Name: "Bolivarian Alliance for the Peoples of Our America"},
}
