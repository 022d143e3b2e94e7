/**
 * The popup's result list: a listbox whose active option follows the arrow keys while
 * focus stays in the search box (aria-activedescendant). Built with DOM APIs only.
 */

export interface ListItem {
  key: string;
  label: string;
  /** Smaller text under the label (kind, summary). */
  detail?: string;
  /** Number shown at the end (mention count), with its spoken label. */
  badge?: { text: string; label: string };
  /** Tooltip / extra accessible description. */
  hint?: string;
  choose(): void;
}

export interface ListSection {
  heading?: string;
  items: ListItem[];
  /** Shown instead of items when there are none. */
  emptyText?: string;
}

export class ResultList {
  private options: { el: HTMLElement; item: ListItem }[] = [];
  private active = -1;
  private idPrefix: string;

  constructor(
    readonly element: HTMLElement,
    private readonly input: HTMLInputElement,
    idPrefix = 'option',
  ) {
    this.idPrefix = idPrefix;
    element.setAttribute('role', 'listbox');
    input.setAttribute('aria-controls', element.id);
  }

  render(sections: ListSection[]): void {
    this.element.replaceChildren();
    this.options = [];
    sections.forEach((section, s) => {
      const group = document.createElement('div');
      group.className = 'group';
      group.setAttribute('role', 'group');
      if (section.heading) {
        const heading = document.createElement('div');
        heading.className = 'group-heading';
        heading.id = `${this.idPrefix}-heading-${s}`;
        heading.textContent = section.heading;
        heading.setAttribute('role', 'presentation');
        group.setAttribute('aria-labelledby', heading.id);
        group.append(heading);
      }
      if (section.items.length === 0 && section.emptyText) {
        const empty = document.createElement('div');
        empty.className = 'group-empty';
        empty.setAttribute('role', 'presentation');
        empty.textContent = section.emptyText;
        group.append(empty);
      }
      for (const item of section.items) group.append(this.optionElement(item));
      this.element.append(group);
    });
    this.setActive(this.options.length ? 0 : -1, false);
  }

  /** Moves the active option by `delta`, wrapping around. */
  move(delta: number): void {
    if (!this.options.length) return;
    const next =
      this.active < 0
        ? delta > 0
          ? 0
          : this.options.length - 1
        : (this.active + delta + this.options.length) % this.options.length;
    this.setActive(next, true);
  }

  chooseActive(): boolean {
    const option = this.options[this.active];
    if (!option) return false;
    option.item.choose();
    return true;
  }

  private optionElement(item: ListItem): HTMLElement {
    const index = this.options.length;
    const el = document.createElement('div');
    el.className = 'option';
    el.id = `${this.idPrefix}-${index}`;
    el.setAttribute('role', 'option');
    el.setAttribute('aria-selected', 'false');
    el.dataset.key = item.key;
    if (item.hint) el.title = item.hint;

    const text = document.createElement('span');
    text.className = 'option-text';
    const label = document.createElement('span');
    label.className = 'option-label';
    label.textContent = item.label;
    text.append(label);
    if (item.detail) {
      const detail = document.createElement('span');
      detail.className = 'option-detail';
      detail.textContent = item.detail;
      text.append(detail);
    }
    el.append(text);
    if (item.badge) {
      const badge = document.createElement('span');
      badge.className = 'option-badge';
      badge.textContent = item.badge.text;
      // Read out as words ("Fentanyl, 3 mentions"): the bare number is hidden, a hidden phrase is read instead.
      badge.setAttribute('aria-hidden', 'true');
      const spoken = document.createElement('span');
      spoken.className = 'visually-hidden';
      spoken.textContent = `, ${item.badge.label}`;
      el.append(badge, spoken);
    }
    el.addEventListener('mousedown', (e) => e.preventDefault()); // keep focus in the search box
    el.addEventListener('mousemove', () => {
      if (this.active !== index) this.setActive(index, false);
    });
    el.addEventListener('click', () => {
      this.setActive(index, false);
      item.choose();
    });
    this.options.push({ el, item });
    return el;
  }

  private setActive(index: number, scroll: boolean): void {
    const previous = this.options[this.active];
    if (previous) {
      previous.el.setAttribute('aria-selected', 'false');
      previous.el.classList.remove('active');
    }
    this.active = index;
    const current = this.options[index];
    if (current) {
      current.el.setAttribute('aria-selected', 'true');
      current.el.classList.add('active');
      this.input.setAttribute('aria-activedescendant', current.el.id);
      if (scroll) current.el.scrollIntoView({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }
}
