import { nodeSdkProcessorForm } from './export-forms';
import { defineV6Suite } from './v6-suite';

defineV6Suite(nodeSdkProcessorForm);
