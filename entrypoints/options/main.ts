import '../../src/ui/theme.css';
import '../../src/options/options.css';
import { startOptions } from '../../src/options/app';

void startOptions(document);
