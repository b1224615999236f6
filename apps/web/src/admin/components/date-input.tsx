import { DatePicker } from 'antd';
import dayjs from 'dayjs';

interface DateInputProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  disabled?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  /** Days after today cannot be picked. */
  notAfterToday?: boolean;
}

/** A DatePicker whose value is the API's 'YYYY-MM-DD' string. */
export function DateInput({ id, value, onChange, disabled, allowClear = true, placeholder, notAfterToday }: DateInputProps) {
  return (
    <DatePicker
      id={id}
      style={{ width: '100%' }}
      value={value ? dayjs(value) : null}
      onChange={(date) => onChange?.(date ? date.format('YYYY-MM-DD') : null)}
      disabled={disabled}
      allowClear={allowClear}
      placeholder={placeholder}
      disabledDate={notAfterToday ? (d) => d.isAfter(dayjs(), 'day') : undefined}
    />
  );
}

export function today(): string {
  return dayjs().format('YYYY-MM-DD');
}
