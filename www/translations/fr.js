// French strings for <qa-widget>. Import this module after the widget (or load it with a
// second <script type="module">) and every widget whose language is French (its `lang`, its
// nearest ancestor's, or the document's: "fr", "fr-CA"…) speaks French.
// The typography follows French usage: a no-break space before ":" and a narrow no-break
// space before ";", "?" and "!"; typographic apostrophes.
import { registerStrings } from '../qa-widget.js';

/** @type {Partial<QaWidgetStrings>} */
const fr = {
  heading: 'Posez une question',
  label: 'Posez une question',
  greeting: 'Posez votre question avec vos propres mots. Les réponses sont des citations de nos pages, avec un lien vers leur source.',
  placeholder: 'Tapez votre question…',
  disclaimer: 'Les réponses sont des citations des pages de cette clinique, et non un avis médical.',
  subtitle: 'Réponses tirées de nos pages',
  close: 'Fermer',
  closeAssistant: 'Fermer l’assistant',
  question: 'Votre question',
  send: 'Envoyer',
  popular: 'Questions fréquentes',
  you: 'Votre question\u00a0: ',
  answer: 'D’après nos pages\u00a0: ',
  source: 'Source\u00a0:',
  newTab: ' (s’ouvre dans un nouvel onglet)',
  more: 'Autres réponses',
  notCovered: 'Nos pages ne traitent pas de cette question\u202f; nous préférons ne pas deviner.',
  closest: 'Passages les plus proches (ce n’est pas une réponse)',
  loading: 'Préparation…',
  looking: 'Recherche dans nos pages…',
  unavailable: 'L’assistant ne peut pas charger son contenu pour le moment. Veuillez réessayer plus tard.',
  failed: 'L’assistant n’a pas pu répondre à cette question pour le moment. Veuillez réessayer plus tard.',
  blocked: 'L’assistant ne peut pas fonctionner sur cette page en raison de ses paramètres de sécurité.',
  unset: 'L’assistant n’est pas encore configuré sur cette page.',
};

registerStrings('fr', fr);

export default fr;
