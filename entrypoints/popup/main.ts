import '../../src/ui/theme.css';
import '../../src/popup/popup.css';
import { startPopup } from '../../src/popup/app';

void startPopup(document, new URLSearchParams(location.search));
