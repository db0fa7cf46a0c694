export {
  convertFiles,
  detectContentType,
  ConvertError,
  type ConvertOptions,
  type ConvertResult,
} from './convert';
