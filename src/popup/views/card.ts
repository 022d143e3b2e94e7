import type { Entry, Lang } from '../../model';
import { renderEntryCard } from '../card-view';
import type { PopupElements } from '../elements';
import type { PopupState } from '../state';

/** The full card of one entry, in place of the list; "Back" (or Escape) returns to the list. */
export class CardPane {
  isOpen = false;

  constructor(
    private readonly ui: PopupElements,
    private readonly state: PopupState,
    private readonly lang: Lang,
    /** Called when the card closed, to show the list again. */
    private readonly onClose: () => void,
  ) {
    ui.cardBack.addEventListener('click', () => this.close(true));
  }

  open(entry: Entry): void {
    const ui = this.ui;
    this.isOpen = true;
    ui.cardSlot.replaceChildren(
      renderEntryCard(entry, {
        lang: this.lang,
        nameOf: (id) => this.state.nameOfId(id),
        openTerm: (id) => {
          const next = this.state.byId.get(id);
          if (next) this.open(next);
        },
      }),
    );
    ui.results.hidden = true;
    ui.timeline.hidden = true;
    ui.viewTabs.hidden = true;
    ui.switches.hidden = true;
    ui.cardView.hidden = false;
    ui.input.removeAttribute('aria-activedescendant');
    ui.live.textContent = this.state.nameOf(entry);
    ui.cardBack.focus();
  }

  close(focusSearch: boolean): void {
    const ui = this.ui;
    this.isOpen = false;
    ui.cardView.hidden = true;
    ui.cardSlot.replaceChildren();
    ui.results.hidden = false;
    ui.switches.hidden = false;
    this.onClose();
    if (focusSearch) ui.input.focus();
  }
}
