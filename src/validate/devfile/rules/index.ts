import type { RuleDoc } from '../../rule.js';
import { ccCommandProperty, ccCommandType, ccComponentType, ccContainerProperty, ccEvent, ccImage, ccMountSources, ccSchemaVersion } from './codecatalyst.js';
import { commandComponent, commandTypeRule, compositeCycle, compositeMissing, compositeSelf, groupDefaults, groupNoDefault } from './commands.js';
import { annotationConflict, envReserved, quantity, resourceRequest, volumeMount } from './containers.js';
import type { DevfileRule } from './context.js';
import { DEVFILE_DOCUMENTED } from './documented.js';
import { endpointName, endpointPort } from './endpoints.js';
import { eventCommand, eventKind } from './events.js';
import { duplicateCommand, duplicateComponent } from './names.js';
import { gitRemote, uri } from './sources.js';

/** The devfile specification's rules that JSON schema cannot express (devfile/api `pkg/validation`, R1-R24). */
export const DEVFILE_SPEC_RULES: readonly DevfileRule[] = [
  duplicateComponent,
  duplicateCommand,
  commandTypeRule,
  commandComponent,
  compositeSelf,
  compositeMissing,
  compositeCycle,
  groupDefaults,
  groupNoDefault,
  eventCommand,
  eventKind,
  endpointName,
  endpointPort,
  quantity,
  volumeMount,
  envReserved,
  resourceRequest,
  annotationConflict,
  uri,
  gitRemote,
];

/** What Amazon CodeCatalyst Dev Environments run, over the specification (`--devfile-profile codecatalyst`). */
export const CODECATALYST_RULES: readonly DevfileRule[] = [
  ccSchemaVersion,
  ccComponentType,
  ccContainerProperty,
  ccImage,
  ccMountSources,
  ccCommandType,
  ccCommandProperty,
  ccEvent,
];

/** Every devfile code, for the catalogue. */
export const DEVFILE_RULE_DOCS: readonly RuleDoc[] = [...DEVFILE_DOCUMENTED, ...DEVFILE_SPEC_RULES, ...CODECATALYST_RULES];
